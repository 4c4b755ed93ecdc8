//! The memory allocator of the `bulletin` command, and how watch mode tunes it.
//!
//! A build makes and frees millions of small strings on every core; mimalloc's
//! per-thread heaps do that with less work than the system allocator. It is
//! built without transparent huge pages (`no_thp`): memory it hands back and
//! takes again would otherwise be zeroed 2 MB at a time, which cost a tenth of
//! a large build's time and 30 MB of its peak memory.
//!
//! mimalloc gives freed memory back to the system a second after it was freed,
//! on whichever thread allocates next. That suits a build, which
//! frees as it goes and ends. In watch mode it does not: what one rebuild frees
//! is given back in the middle of the next, on the thread reading the edited
//! file, which then stalls for 5 to 50 ms. [`settle_after_full_build`] keeps
//! freed memory for the next rebuild instead.

use libmimalloc_sys::{mi_collect, mi_option_get, mi_option_set, mi_option_t};

/// The allocator `bulletin` is built with.
pub type Allocator = mimalloc::MiMalloc;

/// mimalloc's option `purge_delay`: its place in `mi_option_e` of `mimalloc.h`
/// (versions 2 and 3), which the Rust binding does not name. Milliseconds
/// between freeing memory and giving it back; -1 never gives it back.
const PURGE_DELAY: mi_option_t = 15;

/// For a process that keeps rebuilding (watch mode), once a full build is
/// done: gives back to the system what that build freed (most of its peak),
/// then keeps what later rebuilds free for the rebuild after, so that none
/// stalls giving memory back. With another global allocator this changes
/// nothing the process uses.
pub fn settle_after_full_build() {
    // SAFETY: plain calls into mimalloc, valid at any time from any thread.
    unsafe {
        // Given back at once, also after an earlier call kept everything.
        mi_option_set(PURGE_DELAY, 0);
        mi_collect(true);
        mi_option_set(PURGE_DELAY, -1);
    }
}

/// How long mimalloc waits before giving freed memory back (-1: never).
pub fn purge_delay() -> std::ffi::c_long {
    // SAFETY: reads an option; valid at any time from any thread.
    unsafe { mi_option_get(PURGE_DELAY) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_purge_delay_is_mimallocs_and_a_settled_process_never_purges() {
        // The purge delay's default in mimalloc 3 (a second), unless set from
        // the environment; the options beside it default to 1 and 0.
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
            assert_eq!(purge_delay(), 1000);
        }
        settle_after_full_build();
        assert_eq!(purge_delay(), -1);
    }
}
