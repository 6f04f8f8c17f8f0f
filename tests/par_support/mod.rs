//! Independent pieces of one test run on every core. libtest gives each test
//! one thread, and test binaries run one after another: a binary whose time
//! is one long test would leave the other cores idle.
#![allow(dead_code)]

use std::sync::atomic::{AtomicUsize, Ordering};

use proptest::strategy::Strategy;
use proptest::test_runner::{Config, RngSeed, TestCaseResult, TestRunner};

fn threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// Calls `f` on every item, the items shared out between one thread per core
/// as each becomes free. A panic in any call fails the test with its message.
pub fn each<T: Sync>(items: &[T], f: impl Fn(&T) + Sync) {
    let next = AtomicUsize::new(0);
    std::thread::scope(|s| {
        for _ in 0..threads().min(items.len()) {
            s.spawn(|| {
                while let Some(item) = items.get(next.fetch_add(1, Ordering::Relaxed)) {
                    f(item);
                }
            });
        }
    });
}

/// Cases per property: `default` in CI (bounded time), more for a longer
/// campaign with `ZHENGCE_FUZZ_CASES=N cargo test --test ...`.
pub fn cases(default: u32) -> u32 {
    std::env::var("ZHENGCE_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default)
}

/// A property as `proptest!` runs it, its `cases` shared out between one
/// runner per core, each with its own random seed (or, under
/// `PROPTEST_RNG_SEED`, that seed plus its number). Every runner first
/// replays the failures saved next to `file` (pass `file!()`); a failure is
/// shrunk, saved there and fails the test with the smallest input.
pub fn property<S: Strategy>(
    file: &'static str,
    cases: u32,
    strategy: impl Fn() -> S + Sync,
    test: impl Fn(S::Value) -> TestCaseResult + Sync,
) {
    let n = threads().clamp(1, cases.max(1) as usize) as u32;
    std::thread::scope(|s| {
        for k in 0..n {
            let (strategy, test) = (&strategy, &test);
            s.spawn(move || {
                let mut config = Config {
                    cases: cases / n + u32::from(k < cases % n),
                    source_file: Some(file),
                    ..Config::default()
                };
                if let RngSeed::Fixed(seed) = config.rng_seed {
                    config.rng_seed = RngSeed::Fixed(seed.wrapping_add(u64::from(k)));
                }
                let mut runner = TestRunner::new(config);
                if let Err(e) = runner.run(&strategy(), test) {
                    panic!("{e}\n{runner}");
                }
            });
        }
    });
}
