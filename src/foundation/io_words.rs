//! An input/output error in words a statistician can act on, for the fatal
//! messages and the settings file's.

use std::io::ErrorKind;

/// What an input/output error means, in words a statistician can act on.
pub fn io_error_zh(error: &std::io::Error) -> &'static str {
    match error.kind() {
        ErrorKind::NotFound => "找不到该文件或文件夹",
        ErrorKind::PermissionDenied => "没有权限：文件或文件夹是只读的，或当前用户无权写入",
        ErrorKind::AlreadyExists => "已有同名的文件或文件夹",
        ErrorKind::NotADirectory => "路径中有一项是文件，而不是文件夹",
        ErrorKind::IsADirectory => "这是一个文件夹，不是文件",
        ErrorKind::DirectoryNotEmpty => "文件夹不是空的",
        ErrorKind::StorageFull => "磁盘已满",
        ErrorKind::QuotaExceeded => "超出了磁盘配额",
        ErrorKind::ReadOnlyFilesystem => "磁盘或共享文件夹是只读的",
        ErrorKind::ResourceBusy => "文件正被其他程序占用",
        ErrorKind::InvalidData => "内容不是 UTF-8 编码的文字",
        ErrorKind::InvalidFilename => "文件名无效（含有系统不允许的字符，或过长）",
        ErrorKind::UnexpectedEof => "文件不完整（可能没有复制完或已损坏）",
        ErrorKind::Interrupted | ErrorKind::TimedOut => "读写被中断，请重试",
        _ => "系统报告了读写错误",
    }
}
