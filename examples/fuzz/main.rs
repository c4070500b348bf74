//! Fuzzing on stable: `cargo run --profile fuzz --example fuzz -- [executions] [seed] [--threads=N] [--plant-panic]`
//! (default 10,000,000 executions from a fresh random seed, on all cores; the first thread runs the seed itself,
//! so a finding replays with its thread's seed and `--threads=1`). The `fuzz` profile unwinds, so each
//! execution's panic is caught and reported with the seed, the execution and its input; the process then exits
//! 1. `--plant-panic` adds a deliberate defect, to prove the reporting works. See `core.rs`.

mod core;
use self::core as fuzz_core;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let planted = args.iter().any(|a| a == "--plant-panic");
    let mut numbers = args.iter().filter(|a| !a.starts_with("--"));
    let total: u64 = numbers.next().map_or(10_000_000, |n| n.parse().expect("executions"));
    let seed: u64 = numbers.next().map_or_else(fresh_seed, |s| s.parse().expect("seed"));
    // Panics are reported below with their input; the default hook would print each one's location first.
    std::panic::set_hook(Box::new(|_| {}));
    let threads = match args.iter().find_map(|a| a.strip_prefix("--threads=")) {
        Some(n) => n.parse().expect("--threads=N"),
        None => std::thread::available_parallelism().map_or(2, |n| n.get()) as u64,
    };
    println!(
        "fuzz: {total} executions from seed {seed} on {threads} threads{}",
        if planted { ", with the planted defect" } else { "" }
    );
    let started = std::time::Instant::now();
    let handles: Vec<_> = (0..threads)
        .map(|t| {
            let thread_seed = seed.wrapping_add(t.wrapping_mul(0x9E37_79B9_7F4A_7C15));
            let share = total / threads + u64::from(t < total % threads);
            std::thread::spawn(move || fuzz_core::run_reporting(thread_seed, share, planted))
        })
        .collect();
    let (mut ran, mut round_trips, mut findings) = (0, 0, 0);
    for handle in handles {
        match handle.join() {
            Ok(Ok(stats)) => {
                ran += stats.round_trips + stats.rejected;
                round_trips += stats.round_trips;
            }
            Ok(Err(finding)) => {
                findings += 1;
                eprintln!(
                    "PANIC: {}\n  seed {} (the thread's), execution {}\n  input: {}\n  replay: cargo run --profile fuzz --example fuzz -- {} {} --threads=1{}",
                    finding.message,
                    finding.seed,
                    finding.execution,
                    finding.case,
                    finding.execution + 1,
                    finding.seed,
                    if planted { " --plant-panic" } else { "" },
                );
            }
            Err(_) => {
                findings += 1;
                eprintln!("PANIC outside an execution (in the harness itself), run seed {seed}");
            }
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "{total} executions in {seconds:.1} s ({:.0}/s), {round_trips} accepted requests round-tripped ({ran} judged), {findings} panics",
        total as f64 / seconds,
    );
    if findings > 0 {
        std::process::exit(1);
    }
}

/// A seed from the clock, printed above so the run can be replayed.
fn fresh_seed() -> u64 {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    nanos as u64 ^ u64::from(std::process::id()).rotate_left(32)
}
