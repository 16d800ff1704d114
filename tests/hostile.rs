//! Hostile input (issue 14): what the README promises must hold when the input is built to
//! break it. Each test is named after the defect it guards against.

use crate::util::{actorgraph, run_with_stdin};

/// Runs `cmd` with `stdin` and returns (exit code, stdout, stderr).
fn run_stdin(cmd: &mut std::process::Command, stdin: &[u8]) -> (i32, String, String) {
    let out = run_with_stdin(cmd, stdin);
    let text = |b: Vec<u8>| String::from_utf8(b).unwrap();
    (out.status.code().unwrap_or(-1), text(out.stdout), text(out.stderr))
}

#[test]
fn r14_stdin_line_numbers_count_leading_blank_lines() {
    let input = b"\n\n\n{\"id\":\"a\",\"text\":\"Russia.\"}\n{bad\n";
    let (code, _, stderr) = run_stdin(actorgraph().args(["extract", "-"]), input);
    assert_eq!(code, 2);
    assert!(stderr.contains("<stdin>:5: invalid JSON"), "{stderr}");
    let (code, stdout, stderr) =
        run_stdin(actorgraph().args(["extract", "--skip-bad-records", "-"]), input);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("\na,,RUS,state,Russia,Russia,0,6,"), "{stdout}");
    assert!(stderr.contains("<stdin>:5: invalid JSON"), "{stderr}");
}
