//! Prints the manifest at the given path with its generated host lists (see src/manifest.rs);
//! with `--firefox`, the Firefox build's. `./build.sh` writes the built extensions' manifests
//! with it.

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let for_firefox = args.iter().any(|a| a == "--firefox");
    let path = args.iter().find(|a| !a.starts_with("--")).cloned().unwrap_or_else(|| "manifest.json".into());
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let manifest = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    let generated = if for_firefox {
        interview_bridge::manifest::firefox(manifest)
    } else {
        interview_bridge::manifest::generate(manifest)
    };
    let generated = generated.unwrap_or_else(|e| panic!("{path}: {e}"));
    println!("{}", serde_json::to_string_pretty(&generated).expect("JSON values serialise"));
}
