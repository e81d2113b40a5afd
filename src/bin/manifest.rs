//! Prints the manifest at the given path with its generated host lists (see src/manifest.rs).
//! `./build.sh` writes the built extension's manifest with it.

fn main() {
    let path = std::env::args().nth(1).unwrap_or_else(|| "manifest.json".into());
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let manifest = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    let generated = interview_bridge::manifest::generate(manifest).unwrap_or_else(|e| panic!("{path}: {e}"));
    println!("{}", serde_json::to_string_pretty(&generated).expect("JSON values serialise"));
}
