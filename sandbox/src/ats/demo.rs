//! The built-in demo data of the four modelled ATS. Deterministic: names pair
//! `FIRST[i]` with `LAST[(i * 7) % 32]`; ids are fixed or derived from the
//! index. Per ATS: job A has candidates 0..30 in its pipeline; job B has
//! candidates 30, 31 and 0 (candidate 0 is the one in both jobs).

use super::{AtsApplication, AtsCandidate, AtsData, AtsJob};
use crate::util::det_uuid;

const N: usize = 32;

struct Spec {
    domain: &'static str,
    first: [&'static str; N],
    last: [&'static str; N],
    /// (id, title, location, description) of job A, then job B.
    jobs: [(&'static str, &'static str, &'static str, &'static str); 2],
    candidate_id: fn(usize) -> String,
    /// Application ids by application index ("" when the ATS has none).
    application_id: fn(usize) -> String,
    api_keys: &'static [&'static str],
}

/// Lower-case ASCII letters and digits only ("van den Berg" → "vandenberg").
fn email_part(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'à' | 'á' | 'â' | 'ä' => 'a',
            'ç' => 'c',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' | 'ı' => 'i',
            'ò' | 'ó' | 'ô' | 'ö' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            c => c.to_ascii_lowercase(),
        })
        .filter(char::is_ascii_alphanumeric)
        .collect()
}

fn build(s: &Spec) -> AtsData {
    let candidates: Vec<AtsCandidate> = (0..N)
        .map(|i| {
            let (first, last) = (s.first[i], s.last[(i * 7) % N]);
            AtsCandidate {
                id: (s.candidate_id)(i),
                first_name: first.into(),
                last_name: last.into(),
                email: format!("{}.{}@{}.example.com", email_part(first), email_part(last), s.domain),
                tags: Vec::new(),
                restricted: false,
            }
        })
        .collect();
    let jobs: Vec<AtsJob> = s
        .jobs
        .iter()
        .map(|(id, title, location, description)| AtsJob {
            id: (*id).into(),
            title: (*title).into(),
            location: (*location).into(),
            description: (*description).into(),
        })
        .collect();
    let pairs = (0..30).map(|c| (c, 0)).chain([(30, 1), (31, 1), (0, 1)]);
    let applications = pairs
        .enumerate()
        .map(|(n, (c, j))| AtsApplication {
            id: (s.application_id)(n),
            candidate_id: candidates[c].id.clone(),
            job_id: jobs[j].id.clone(),
        })
        .collect();
    AtsData { jobs, candidates, applications, api_keys: s.api_keys.iter().map(|k| k.to_string()).collect() }
}

fn none(_: usize) -> String {
    String::new()
}

pub fn topechelon() -> AtsData {
    build(&Spec {
        domain: "topechelon",
        first: [
            "James", "Mary", "Robert", "Patricia", "Michael", "Jennifer", "William", "Linda",
            "David", "Elizabeth", "Richard", "Barbara", "Joseph", "Susan", "Thomas", "Jessica",
            "Charles", "Sarah", "Christopher", "Karen", "Daniel", "Nancy", "Matthew", "Lisa",
            "Anthony", "Betty", "Mark", "Margaret", "Donald", "Sandra", "Steven", "Ashley",
        ],
        last: [
            "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis",
            "Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson",
            "O'Brien", "Taylor", "Moore", "Jackson", "Martin", "Lee", "Perez", "Thompson",
            "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson", "Walker",
            "Young",
        ],
        jobs: [
            (
                "b4f1c9e2-7a3d-4e58-9c61-2d8e5f0a7b13",
                "Senior Payroll Accountant",
                "Chicago, IL",
                "Our client, a family-owned manufacturer in the Chicago Loop, needs a senior payroll accountant to own multi-state payroll for 1,200 employees. Hands-on ADP & Workday experience is a <b>must</b>. CPA or CPP preferred; hybrid, three days on site.",
            ),
            (
                "e27d5a90-3c4b-4f1e-8a2d-6b9c0e1f4a58",
                "Corporate Tax Manager",
                "Milwaukee, WI",
                "A regional bank is adding a tax manager to lead its federal and state filings. You will work with the CFO & outside auditors on quarterly provisions; a <b>Big Four</b> background is preferred.",
            ),
        ],
        candidate_id: |i| (40001 + i).to_string(),
        application_id: none,
        api_keys: &[],
    })
}

pub fn oorwin() -> AtsData {
    build(&Spec {
        domain: "oorwin",
        first: [
            "Aarav", "Priya", "Rahul", "Ananya", "Vikram", "Sneha", "Arjun", "Kavya", "Rohan",
            "Meera", "Karthik", "Divya", "Sanjay", "Lakshmi", "Nikhil", "Pooja", "Emily", "Jacob",
            "Olivia", "Ethan", "Sophia", "Noah", "Mia", "Liam", "Chloe", "Lucas", "Grace",
            "Mason", "Hannah", "Logan", "Zoe", "Owen",
        ],
        last: [
            "Sharma", "Patel", "Reddy", "Iyer", "Nair", "Gupta", "Rao", "Menon", "Kumar", "Singh",
            "Chowdhury", "Desai", "Joshi", "Mehta", "Pillai", "Verma", "Carter", "Nguyen",
            "Brooks", "Bennett", "Foster", "Hayes", "Kim", "Morgan", "Reyes", "Sullivan", "Tran",
            "Ward", "Ellis", "Fisher", "Graham", "Ortiz",
        ],
        jobs: [
            (
                "5001",
                "Java Developer",
                "Dallas, TX",
                "Build and maintain Spring Boot microservices for a logistics client's order platform. Strong Java 17, REST & Kafka skills are required; <b>no C2C</b> for this role. Hybrid, two days a week in Uptown Dallas.",
            ),
            (
                "5002",
                "QA Automation Engineer",
                "Plano, TX",
                "Own the Selenium & Playwright regression suites for a fintech web app. Experience with CI pipelines is a <b>plus</b>; this is a six-month contract to hire.",
            ),
        ],
        candidate_id: |i| (7001 + i).to_string(),
        application_id: none,
        api_keys: &[],
    })
}

/// (id, first name, last name, email, tags, restricted).
type SrPerson = (&'static str, &'static str, &'static str, &'static str, &'static [&'static str], bool);

/// The SmartRecruiters people a Hellohire interview also knows (same
/// emails as its registrants), with no applications. Dorothy Vaughan is
/// deliberately left out, Katherine Johnson goes by "Kate" here, and Mary
/// Jackson is restricted (403 on her per-candidate endpoints).
pub const SR_HELLOHIRE: [SrPerson; 3] = [
    (
        "5a1e0001-0000-4000-8000-000000000101",
        "Ada",
        "Lovelace",
        "ada.lovelace@hellohire.example",
        &["python", "referral"],
        false,
    ),
    (
        "5a1e0001-0000-4000-8000-000000000102",
        "Kate",
        "Johnson",
        "katherine.johnson@hellohire.example",
        &["night shift"],
        false,
    ),
    ("5a1e0001-0000-4000-8000-000000000104", "Mary", "Jackson", "mary.jackson@hellohire.example", &[], true),
];

pub fn smartrecruiters() -> AtsData {
    let mut d = smartrecruiters_generated();
    d.candidates.extend(SR_HELLOHIRE.iter().map(|(id, first, last, email, tags, restricted)| AtsCandidate {
        id: (*id).into(),
        first_name: (*first).into(),
        last_name: (*last).into(),
        email: (*email).into(),
        tags: tags.iter().map(|t| t.to_string()).collect(),
        restricted: *restricted,
    }));
    d
}

fn smartrecruiters_generated() -> AtsData {
    build(&Spec {
        domain: "smartrecruiters",
        first: [
            "Daan", "Emma", "Sem", "Julia", "Lucas", "Mila", "Finn", "Tess", "Levi", "Sophie",
            "Milan", "Zoë", "Bram", "Anna", "Thijs", "Fleur", "Jesse", "Sara", "Ruben", "Lotte",
            "Noah", "Evi", "Jens", "Isa", "Stijn", "Noor", "Lars", "Femke", "Joris", "Maud",
            "Sander", "Anouk",
        ],
        last: [
            "de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen",
            "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters",
            "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra", "Yılmaz",
            "de Graaf", "van der Meer", "van der Linden", "Kok", "Jacobs", "de Haan",
            "Vermeulen", "van den Heuvel", "El Amrani",
        ],
        jobs: [
            (
                "5f9b1c2d3e4f5a6b7c8d9e0f",
                "Warehouse Supervisor",
                "Rotterdam, Netherlands",
                "Lead a team of 25 warehouse operatives across two shifts at our Waalhaven distribution centre. You own safety, productivity & stock accuracy; <b>VCA</b> certification and fluent Dutch are required. Rotating early and late shifts.",
            ),
            (
                "60a7e3f1b2c4d5e6f7a8b9c0",
                "Logistics Planner",
                "Tilburg, Netherlands",
                "Plan inbound & outbound transport for our Benelux customers. Experience with a transport management system is a <b>plus</b>; you will work closely with the warehouse team.",
            ),
        ],
        candidate_id: |i| det_uuid("smartrecruiters-candidate", i),
        application_id: |n| det_uuid("smartrecruiters-application", n),
        api_keys: &["sr_demo_4Wd8"],
    })
}

pub fn pageup() -> AtsData {
    build(&Spec {
        domain: "pageup",
        first: [
            "Charlotte", "Amelia", "Isla", "Olivia", "Ava", "Matilda", "Sienna", "Ruby", "Harper",
            "Ella", "Zara", "Willow", "Jack", "Oliver", "William", "Thomas", "Lachlan", "Cooper",
            "Riley", "Henry", "Hamish", "Angus", "Archie", "Hugo", "Flynn", "Harrison", "Mei",
            "Anjali", "Georgia", "Imogen", "Declan", "Patrick",
        ],
        last: [
            "Kelly", "Murphy", "Ryan", "Walsh", "O'Connor", "McDonald", "Campbell", "Stewart",
            "Fraser", "Mitchell", "Papadopoulos", "Rossi", "Chen", "Wong", "Lim", "Bryant",
            "Cameron", "Fitzgerald", "Doyle", "Gallagher", "Byrne", "Quinn", "Burke",
            "Sutherland", "Henderson", "Kennedy", "Morrison", "Ferguson", "Hughes", "Shaw",
            "Parker", "Tan",
        ],
        jobs: [
            (
                "512345",
                "Registered Nurse – ICU",
                "Melbourne, Australia",
                "Join the 24-bed Intensive Care Unit of a major metropolitan teaching hospital. You hold current AHPRA registration & at least two years of critical care experience; a <b>postgraduate critical care qualification</b> is highly regarded. Full-time and part-time rotating rosters are available.",
            ),
            (
                "512346",
                "Clinical Nurse Educator",
                "Geelong, Australia",
                "Design and deliver education for the emergency & perioperative nursing teams. A <b>Graduate Certificate in Education</b> or equivalent is required.",
            ),
        ],
        candidate_id: |i| (310001 + i).to_string(),
        application_id: |n| (880001 + n).to_string(),
        api_keys: &[],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_parts_are_folded() {
        assert_eq!(email_part("van den Berg"), "vandenberg");
        assert_eq!(email_part("O'Brien"), "obrien");
        assert_eq!(email_part("Zoë"), "zoe");
        assert_eq!(email_part("Yılmaz"), "yilmaz");
    }

    #[test]
    fn det_uuids_look_like_v4() {
        let a = det_uuid("x", 0);
        assert_eq!(a, det_uuid("x", 0));
        assert_ne!(a, det_uuid("x", 1));
        assert_eq!(a.len(), 36);
        assert_eq!(&a[14..15], "4");
    }
}
