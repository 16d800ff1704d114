//! Shell completions and man pages, generated from the clap definitions so they never drift from
//! `--help`; and the tests that keep the command line consistent across its subcommands.

use std::fs;
use std::io::{self, Write};
use std::path::PathBuf;

use actorgraph::Result;
use clap::{Args, CommandFactory};
use clap_complete::Shell;

use crate::args::Cli;
use crate::output::create_file;

#[derive(Debug, Args)]
#[command(after_help = "Install, for example: actorgraph completions bash > \
                        ~/.local/share/bash-completion/completions/actorgraph")]
pub(crate) struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum, value_name = "SHELL")]
    pub(crate) shell: Shell,
}

#[derive(Debug, Args)]
#[command(after_help = "Install, for example: actorgraph man --out ~/.local/share/man/man1")]
pub(crate) struct ManArgs {
    /// Write every page into this directory (created if missing): actorgraph.1 and one page per
    /// command, such as actorgraph-graph.1 and actorgraph-gazetteer-import.1. Without it,
    /// actorgraph.1 goes to standard output.
    #[arg(short, long, value_name = "DIR")]
    pub(crate) out: Option<PathBuf>,
}

/// The command that completions and man pages describe: the one `main` parses with.
fn command() -> clap::Command {
    Cli::command()
}

/// Runs `completions`: the script goes to standard output.
pub(crate) fn completions(args: CompletionsArgs) -> Result<bool> {
    let script = completion_script(args.shell);
    let mut out = io::stdout().lock();
    out.write_all(&script)?;
    out.flush()?;
    Ok(true)
}

/// The completion script of `shell` (rendered in memory: clap_complete panics on a write
/// error, and standard output may be a closed pipe).
fn completion_script(shell: Shell) -> Vec<u8> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command(), "actorgraph", &mut script);
    script
}

/// Runs `man`: actorgraph.1 to standard output, or every page into `--out`.
pub(crate) fn man(args: ManArgs) -> Result<bool> {
    let pages = man_pages()?;
    let Some(dir) = args.out else {
        let mut out = io::stdout().lock();
        out.write_all(&pages[0].1)?;
        out.flush()?;
        return Ok(true);
    };
    fs::create_dir_all(&dir)?;
    for (name, page) in &pages {
        let mut file = create_file(&dir.join(name))?;
        file.write_all(page)?;
        file.commit()?;
    }
    Ok(true)
}

/// Every man page, with its file name: actorgraph.1 first, then one per command at any depth
/// (actorgraph-gazetteer-import.1), in the order of `--help`. The `help` command has none.
fn man_pages() -> io::Result<Vec<(String, Vec<u8>)>> {
    let mut cmd = command().disable_help_subcommand(true);
    cmd.build();
    let mut pages = Vec::new();
    add_pages(&cmd, &mut pages)?;
    Ok(pages)
}

/// Adds the page of `cmd`, then those of its subcommands.
fn add_pages(cmd: &clap::Command, pages: &mut Vec<(String, Vec<u8>)>) -> io::Result<()> {
    let man = clap_mangen::Man::new(cmd.clone());
    let mut page = Vec::new();
    man.render(&mut page)?;
    pages.push((man.get_filename(), page));
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        add_pages(sub, pages)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use clap::ValueEnum;

    use super::*;

    /// Every command below the top, at any depth, as its path of names ("gazetteer import"),
    /// without clap's `help`.
    fn subcommands(cmd: &clap::Command) -> Vec<(String, clap::Command)> {
        let mut found = Vec::new();
        for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
            found.push((sub.get_name().to_string(), sub.clone()));
            for (path, deeper) in subcommands(sub) {
                found.push((format!("{} {path}", sub.get_name()), deeper));
            }
        }
        found
    }

    /// `cmd` with clap's generated arguments (--help, --version) added.
    fn built() -> clap::Command {
        let mut cmd = command();
        cmd.build();
        cmd
    }

    /// How roff writes `text` (a minus is `\-`).
    fn roff(text: &str) -> String {
        text.replace('-', "\\-")
    }

    #[test]
    fn completions_name_every_subcommand() {
        let cmd = built();
        for shell in Shell::value_variants() {
            let script = String::from_utf8(completion_script(*shell)).unwrap();
            assert!(!script.trim().is_empty(), "{shell}: empty script");
            for (path, sub) in subcommands(&cmd) {
                assert!(script.contains(sub.get_name()), "{shell}: no `{path}`");
            }
            let graph = cmd.find_subcommand("graph").unwrap();
            for long in graph.get_arguments().filter_map(|a| a.get_long()) {
                // fish names a long option `-l NAME`, the other shells `--NAME`.
                let named = [format!("--{long}"), format!("-l {long}")];
                assert!(named.iter().any(|n| script.contains(n)), "{shell}: no graph --{long}");
            }
        }
    }

    #[test]
    fn man_pages_name_every_subcommand_and_every_graph_flag() {
        let pages: BTreeMap<String, String> = man_pages()
            .unwrap()
            .into_iter()
            .map(|(name, page)| (name, String::from_utf8(page).unwrap()))
            .collect();
        let cmd = built();
        let top = &pages["actorgraph.1"];
        for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
            assert!(top.contains(&roff(sub.get_name())), "actorgraph.1 lacks {}", sub.get_name());
        }
        for (path, sub) in subcommands(&cmd) {
            let name = format!("actorgraph-{}.1", path.replace(' ', "-"));
            let page = pages.get(&name).unwrap_or_else(|| panic!("no page {name}"));
            assert!(page.contains(&roff(&format!("actorgraph-{}", path.replace(' ', "-")))));
            for deeper in sub.get_subcommands().filter(|s| s.get_name() != "help") {
                assert!(
                    page.contains(&roff(deeper.get_name())),
                    "{name} lacks {}",
                    deeper.get_name()
                );
            }
        }
        assert_eq!(pages.len(), subcommands(&cmd).len() + 1, "one page per command and the top");
        let graph = &pages["actorgraph-graph.1"];
        for arg in cmd.find_subcommand("graph").unwrap().get_arguments() {
            if let Some(long) = arg.get_long() {
                assert!(graph.contains(&roff(&format!("--{long}"))), "graph page lacks --{long}");
            }
            if let Some(short) = arg.get_short() {
                assert!(graph.contains(&roff(&format!("-{short}"))), "graph page lacks -{short}");
            }
        }
    }

    /// Every command, the top one included, as its path of names and the command.
    fn all_commands(cmd: &clap::Command) -> Vec<(String, clap::Command)> {
        let mut found = vec![("actorgraph".to_string(), cmd.clone())];
        found.extend(subcommands(cmd).into_iter().map(|(path, sub)| {
            let mut sub = sub;
            sub.build();
            (path, sub)
        }));
        found
    }

    /// A short flag is the same long option in every command, and a long option has the same
    /// short flag (or none) in every command.
    #[test]
    fn a_short_flag_means_one_long_option_everywhere() {
        let mut by_short: BTreeMap<char, (String, String)> = BTreeMap::new();
        let mut by_long: BTreeMap<String, (Option<char>, String)> = BTreeMap::new();
        for (path, cmd) in all_commands(&built()) {
            for arg in cmd.get_arguments().filter(|a| !a.is_positional()) {
                let long = arg.get_long().expect("every option has a long name").to_string();
                if let Some(short) = arg.get_short() {
                    let (first, at) = by_short.entry(short).or_insert((long.clone(), path.clone()));
                    assert_eq!(
                        *first, long,
                        "-{short} is --{first} in `{at}` but --{long} in `{path}`"
                    );
                }
                let (first, at) =
                    by_long.entry(long.clone()).or_insert((arg.get_short(), path.clone()));
                assert_eq!(
                    *first,
                    arg.get_short(),
                    "--{long} has short {first:?} in `{at}` but {:?} in `{path}`",
                    arg.get_short()
                );
            }
        }
    }

    /// Whether `arg` names what its command writes: by its name, or as a path option whose
    /// help says it is written.
    fn is_output(arg: &clap::Arg) -> bool {
        let mut names = arg.get_all_aliases().unwrap_or_default();
        names.extend(arg.get_long());
        names.push(arg.get_id().as_str());
        let help = arg.get_help().map(|h| h.to_string().to_lowercase()).unwrap_or_default();
        let values = arg.get_value_names().unwrap_or_default();
        let path = arg.get_action().takes_values()
            && values.iter().any(|v| ["FILE", "DIR", "PATH", "OUT"].contains(&v.as_str()));
        names.iter().any(|n| n.starts_with("out"))
            || (path && (help.starts_with("write") || help.starts_with("directory to write")))
    }

    /// An option that names what a command writes is `-o/--out`, taking a FILE or a DIR.
    #[test]
    fn every_output_is_dash_o_out() {
        let mut outputs = 0;
        for (path, cmd) in all_commands(&built()) {
            for arg in cmd.get_arguments().filter(|a| is_output(a)) {
                outputs += 1;
                let id = arg.get_id();
                assert_eq!(arg.get_long(), Some("out"), "`{path}`: {id} is not --out");
                assert_eq!(arg.get_short(), Some('o'), "`{path}`: --out is not -o");
                let value = arg.get_value_names().unwrap_or_default();
                assert!(
                    value == ["FILE"] || value == ["DIR"],
                    "`{path}`: --out takes {value:?}, not FILE or DIR"
                );
            }
        }
        assert!(outputs >= 7, "only {outputs} outputs found");
    }
}
