//! Fuzzing on stable: `cargo run --release --example fuzz -- [executions] [seed]` (default 10,000,000 on all
//! cores). A panic names the thread's seed; rerun it with that seed to reproduce. See `core.rs`.

mod core;
use self::core as fuzz_core;

fn main() {
    let mut args = std::env::args().skip(1);
    let total: u64 = args.next().map_or(10_000_000, |n| n.parse().expect("executions"));
    let seed: u64 = args.next().map_or(0x5EED_1234, |s| s.parse().expect("seed"));
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get()) as u64;
    let started = std::time::Instant::now();
    let handles: Vec<_> = (0..threads)
        .map(|t| {
            let thread_seed = seed.wrapping_add(t.wrapping_mul(0x9E37_79B9_7F4A_7C15));
            let share = total / threads + u64::from(t < total % threads);
            std::thread::spawn(move || {
                let result = std::panic::catch_unwind(|| fuzz_core::run(thread_seed, share));
                (thread_seed, result)
            })
        })
        .collect();
    let mut ran = 0;
    let mut round_trips = 0;
    let mut failed = false;
    for handle in handles {
        match handle.join().expect("thread") {
            (_, Ok(stats)) => {
                ran += stats.round_trips + stats.rejected;
                round_trips += stats.round_trips;
            }
            (seed, Err(_)) => {
                eprintln!(
                    "PANIC with seed {seed}: rerun `cargo run --release --example fuzz -- <n> {seed}` on one thread"
                );
                failed = true;
            }
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "{total} executions in {seconds:.1} s on {threads} threads ({:.0}/s), {round_trips} accepted requests round-tripped \
         ({ran} judged), no panic: {}",
        total as f64 / seconds,
        !failed
    );
    if failed {
        std::process::exit(1);
    }
}
