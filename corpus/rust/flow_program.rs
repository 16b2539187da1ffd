// The program `Command::new` runs, named by what the user typed or by the code.
use std::io::{self, BufRead};
use std::process::Command;

const TOOL: &str = "/usr/local/bin/resize";

pub fn run_typed() -> io::Result<()> {
    let mut line = String::new();
    io::stdin().lock().read_line(&mut line)?;
    let program = line.trim();
    // ruleid: rust.command-program-from-format
    Command::new(program).status()?;
    Ok(())
}

pub fn run_arg() -> io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    // ruleid: rust.command-program-from-format
    Command::new(&args[1]).arg("--version").status()?;
    Ok(())
}

pub fn run_fixed() -> io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    // ok: rust.command-program-from-format
    Command::new(TOOL).arg(&args[1]).status()?;
    Ok(())
}
