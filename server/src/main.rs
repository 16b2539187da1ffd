use std::process::ExitCode;

fn main() -> ExitCode {
    slopguard::cli::run()
}
