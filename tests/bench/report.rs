//! Medians, 95th percentiles, the printed table and `dist/bench.json`.

use serde_json::{json, Value};

/// Median and 95th percentile (nearest rank) of a sample.
#[derive(Clone, Copy, Debug)]
pub struct Summary {
    pub n: usize,
    pub median: f64,
    pub p95: f64,
}

pub fn summary(samples: &[f64]) -> Option<Summary> {
    if samples.is_empty() {
        return None;
    }
    let mut s = samples.to_vec();
    s.sort_by(f64::total_cmp);
    let n = s.len();
    let median = if n % 2 == 1 { s[n / 2] } else { (s[n / 2 - 1] + s[n / 2]) / 2.0 };
    let rank = ((0.95 * n as f64).ceil() as usize).clamp(1, n);
    Some(Summary { n, median, p95: s[rank - 1] })
}

pub fn summary_json(samples: &[f64]) -> Value {
    match summary(samples) {
        Some(s) => json!({"n": s.n, "median": s.median, "p95": s.p95}),
        None => Value::Null,
    }
}

/// How a goal reads in the table, and whether the figure meets it.
#[derive(Clone, Debug)]
pub enum Goal {
    None,
    /// subject / reference at the median at most this.
    RatioAtMost(f64),
    /// the subject's figure at most / at least this.
    AtMost(f64, &'static str),
    AtLeast(f64, &'static str),
}

#[derive(Clone, Debug)]
pub struct Row {
    pub metric: String,
    pub unit: &'static str,
    pub subject: Option<Summary>,
    pub reference: Option<Summary>,
    /// Set for rows whose ratio is not subject/reference of medians (bulk).
    pub ratio: Option<f64>,
    pub goal: Goal,
}

impl Row {
    pub fn timing(metric: &str, unit: &'static str, subject: &[f64], reference: &[f64], goal: Goal) -> Row {
        Row {
            metric: metric.into(),
            unit,
            subject: summary(subject),
            reference: summary(reference),
            ratio: None,
            goal,
        }
    }

    pub fn single(metric: &str, unit: &'static str, value: f64, goal: Goal) -> Row {
        Row {
            metric: metric.into(),
            unit,
            subject: Some(Summary { n: 1, median: value, p95: value }),
            reference: None,
            ratio: None,
            goal,
        }
    }

    pub fn ratio(&self) -> Option<f64> {
        self.ratio.or_else(|| {
            let (s, r) = (self.subject?, self.reference?);
            (r.median > 0.0).then(|| s.median / r.median)
        })
    }

    pub fn verdict(&self) -> &'static str {
        let Some(s) = self.subject else { return "no data" };
        match self.goal {
            Goal::None => "",
            Goal::RatioAtMost(max) => match self.ratio() {
                Some(r) if r <= max => "pass",
                Some(_) => "MISS",
                None => "n/a",
            },
            Goal::AtMost(max, _) => {
                if s.median <= max {
                    "pass"
                } else {
                    "MISS"
                }
            }
            Goal::AtLeast(min, _) => {
                let v = self.ratio.unwrap_or(s.median);
                if v >= min {
                    "pass"
                } else {
                    "MISS"
                }
            }
        }
    }

    pub fn goal_text(&self) -> String {
        match &self.goal {
            Goal::None => String::new(),
            Goal::RatioAtMost(max) => format!("≤ {max}×"),
            Goal::AtMost(_, text) | Goal::AtLeast(_, text) => text.to_string(),
        }
    }

    pub fn to_json(&self) -> Value {
        let s = |x: Option<Summary>| x.map(|s| json!({"n": s.n, "median": s.median, "p95": s.p95}));
        json!({
            "metric": self.metric, "unit": self.unit, "subject": s(self.subject),
            "reference": s(self.reference), "ratio": self.ratio(), "goal": self.goal_text(),
            "verdict": self.verdict(),
        })
    }
}

fn num(v: f64, unit: &str) -> String {
    match unit {
        "B" => format!("{}", v.round() as i64),
        "KiB" => format!("{v:.1}"),
        "count" | "" => {
            if v.fract() == 0.0 {
                format!("{v}")
            } else {
                format!("{v:.1}")
            }
        }
        _ => format!("{v:.1}"),
    }
}

fn cell(s: Option<Summary>, unit: &str) -> String {
    match s {
        None => "—".into(),
        Some(s) if s.n == 1 => num(s.median, unit),
        Some(s) => format!("{} / {}", num(s.median, unit), num(s.p95, unit)),
    }
}

/// Rows of cells as a fixed-width table (also valid Markdown).
pub fn text_table(head: &[&str], body: &[Vec<String>]) -> String {
    let mut width: Vec<usize> = head.iter().map(|h| h.chars().count()).collect();
    for row in body {
        for (w, c) in width.iter_mut().zip(row) {
            *w = (*w).max(c.chars().count());
        }
    }
    let line = |cells: &[String]| {
        let padded: Vec<String> = cells
            .iter()
            .zip(&width)
            .map(|(c, w)| format!("{c}{}", " ".repeat(w - c.chars().count())))
            .collect();
        format!("| {} |\n", padded.join(" | "))
    };
    let head: Vec<String> = head.iter().map(|h| h.to_string()).collect();
    let mut out = line(&head);
    out += &line(&width.iter().map(|w| "-".repeat(*w)).collect::<Vec<_>>());
    for row in body {
        out += &line(row);
    }
    out
}

/// The timings table: each figure beside its reference from the same run, and the ratio.
pub fn table(rows: &[Row]) -> String {
    let head = ["metric", "unit", "subject med / p95", "reference med / p95", "ratio", "goal", "result"];
    let body: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                r.metric.clone(),
                r.unit.to_string(),
                cell(r.subject, r.unit),
                cell(r.reference, r.unit),
                r.ratio().map(|x| format!("{x:.2}")).unwrap_or_else(|| "—".into()),
                r.goal_text(),
                r.verdict().to_string(),
            ]
        })
        .collect();
    text_table(&head, &body)
}
