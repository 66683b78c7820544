//! SHA-256 as `sha256sum` prints it: what names a submission in the notes,
//! the archive and the manifest.

/// The SHA-256 of a file as lowercase hex (what `sha256sum` prints), or
/// `None` when it cannot be read.
pub fn file_sha256(path: &std::path::Path) -> Option<String> {
    file_sha256_and_size(path).ok().map(|(sha256, _)| sha256)
}

/// The SHA-256 of a file as lowercase hex and its size in bytes, the file
/// read piece by piece (an output of a province's run is megabytes, and
/// need not be in memory at once to be hashed).
///
/// # Errors
///
/// When the file cannot be opened or read.
pub fn file_sha256_and_size(path: &std::path::Path) -> std::io::Result<(String, u64)> {
    use sha2::{Digest, Sha256};
    let mut file = std::fs::File::open(path)?;
    let mut hasher = Sha256::new();
    let size = std::io::copy(&mut file, &mut hasher)?;
    Ok((hex(&hasher.finalize()), size))
}

/// The SHA-256 of bytes as lowercase hex.
pub fn bytes_sha256(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    hex(&Sha256::digest(bytes))
}

/// A digest as lowercase hex.
pub fn hex(digest: &[u8]) -> String {
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file hashed piece by piece gives `sha256sum`'s digest of it and its
    /// size (the digests of "" and "abc" are FIPS 180-2's examples), also
    /// past one piece of the copy.
    #[test]
    fn a_file_is_hashed_as_sha256sum_hashes_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        let cases: [(&[u8], &str); 2] = [
            (
                b"",
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            ),
            (
                b"abc",
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
            ),
        ];
        for (bytes, digest) in cases {
            std::fs::write(&path, bytes).unwrap();
            let expected = (digest.to_string(), bytes.len() as u64);
            assert_eq!(file_sha256_and_size(&path).unwrap(), expected);
            assert_eq!(file_sha256(&path).as_deref(), Some(digest));
        }
        let long: Vec<u8> = (0..100_000u32).map(|i| (i * 7 % 251) as u8).collect();
        std::fs::write(&path, &long).unwrap();
        assert_eq!(
            file_sha256_and_size(&path).unwrap(),
            (bytes_sha256(&long), long.len() as u64)
        );
        assert!(file_sha256_and_size(&dir.path().join("none")).is_err());
    }
}
