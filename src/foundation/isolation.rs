//! Runs one file's reading under `catch_unwind`, so a panic inside a reader
//! (calamine on a crafted file) is that file's problem, not the run's. The
//! panic's message is kept for the audit; the default hook's English report
//! on the terminal is held back while an isolated read runs.

use std::cell::Cell;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Once;

thread_local! {
    /// True while this thread runs an isolated read.
    static ISOLATED: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f`; a panic comes back as its message.
///
/// # Errors
///
/// The panic's message when `f` panicked.
pub fn run_isolated<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    static QUIET_HOOK: Once = Once::new();
    QUIET_HOOK.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !ISOLATED.with(Cell::get) {
                default(info);
            }
        }));
    });
    let was = ISOLATED.with(|i| i.replace(true));
    let result = catch_unwind(AssertUnwindSafe(f));
    ISOLATED.with(|i| i.set(was));
    result.map_err(|panic| {
        panic
            .downcast_ref::<&str>()
            .map(|s| (*s).to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "未知错误".to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_its_message() {
        assert_eq!(run_isolated(|| 7), Ok(7));
        let v: Vec<u32> = Vec::new();
        let err = run_isolated(|| v[3]).unwrap_err();
        assert!(err.contains("index out of bounds"), "{err}");
        assert_eq!(
            run_isolated(|| panic!("坏了")),
            Err::<(), _>("坏了".to_string())
        );
    }
}
