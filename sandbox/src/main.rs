//! `sandbox --addr 127.0.0.1:PORT [--seed FILE]`
//!
//! Prints `listening on https://127.0.0.1:PORT`, then the API keys, then
//! serves until killed.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = concat!(
    "usage: sandbox [--addr 127.0.0.1:PORT] [--seed FILE] [--print-seed]\n",
    "  --addr ADDR     address to bind (default 127.0.0.1:0, a free port)\n",
    "  --seed FILE     JSON seed data (format: sandbox/README.md); default: built-in demo\n",
    "  --print-seed    print the seed (the demo, or FILE) as JSON and exit",
);

fn main() -> ExitCode {
    let mut addr = String::from("127.0.0.1:0");
    let mut seed_path: Option<PathBuf> = None;
    let mut print_seed = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        match flag.as_str() {
            "--addr" | "--seed" => {
                let Some(value) = inline.or_else(|| args.next()) else {
                    eprintln!("{flag} needs a value\n{USAGE}");
                    return ExitCode::from(2);
                };
                if flag == "--addr" {
                    addr = value;
                } else {
                    seed_path = Some(PathBuf::from(value));
                }
            }
            "--print-seed" => print_seed = true,
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            _ => {
                eprintln!("unknown argument: {arg}\n{USAGE}");
                return ExitCode::from(2);
            }
        }
    }

    let seed = match &seed_path {
        Some(p) => match sandbox::Seed::from_file(p) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("sandbox: cannot read seed: {e}");
                return ExitCode::FAILURE;
            }
        },
        None => sandbox::Seed::demo(),
    };
    if print_seed {
        match serde_json::to_string_pretty(&seed) {
            Ok(s) => println!("{s}"),
            Err(e) => {
                eprintln!("sandbox: {e}");
                return ExitCode::FAILURE;
            }
        }
        return ExitCode::SUCCESS;
    }

    let handle = match sandbox::start(&addr, Some(seed.clone())) {
        Ok(h) => h,
        Err(e) => {
            eprintln!("sandbox: cannot start on {addr}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let ip = if handle.addr.ip().is_unspecified() {
        "127.0.0.1".to_string()
    } else {
        handle.addr.ip().to_string()
    };
    let mut out = std::io::stdout().lock();
    let mut lines = vec![format!("listening on https://{ip}:{}", handle.port)];
    for u in &seed.sparkhire_users {
        lines.push(format!("spark hire key: {}", u.api_key));
    }
    for k in &seed.lever.api_keys {
        lines.push(format!("lever key: {k}"));
    }
    for u in &seed.lever.users {
        lines.push(format!("lever user (perform_as): {} {}", u.id, u.name));
    }
    for k in &seed.spottabl.api_keys {
        lines.push(format!("spottabl key: {k}"));
    }
    for k in &seed.ats.smartrecruiters.api_keys {
        lines.push(format!("smartrecruiters key: {k}"));
    }
    for c in &seed.myinterview.companies {
        lines.push(format!("myinterview credentials: {} {} {}", c.company_id, c.access_key, c.secret));
    }
    for i in &seed.pageup.instances {
        for c in &i.clients {
            let (id, secret, env) = (&c.client_id, &c.client_secret, &c.env);
            lines.push(format!("pageup client: {id} {secret} instance {} {} {env}", i.instance_id, i.dc));
        }
    }
    lines.push(format!(
        "chromium: --host-resolver-rules=\"{}\" --ignore-certificate-errors",
        sandbox::host_resolver_rules(handle.port)
    ));
    for l in lines {
        if writeln!(out, "{l}").and_then(|_| out.flush()).is_err() {
            break; // stdout closed: keep serving anyway
        }
    }
    drop(out);
    handle.join();
    ExitCode::SUCCESS
}
