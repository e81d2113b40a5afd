//! myInterview's objects as we read and send them [model], after the envelopes of `super`.

use serde::{Deserialize, Serialize};

/// `GET /company` [model]: proves the credentials.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default)]
pub struct Company {
    #[serde(rename = "companyId")]
    pub company_id: String,
    pub name: String,
}

/// [model] A list page.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default)]
pub struct Page<T> {
    /// The page's items; a full page (`PAGE`) may have more after it, so `page` and
    /// `totalPages` aren't read.
    pub items: Vec<T>,
}

/// A template as the panel lists it [model]: what to choose by.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default)]
pub struct TemplateName {
    pub id: String,
    pub name: String,
}

/// A question template with its questions [model], read only to make a job from it.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default)]
pub struct Template {
    pub id: String,
    pub name: String,
    pub questions: Vec<Question>,
    #[serde(rename = "updatedAt")]
    pub updated_at: Option<String>,
}

/// A question in the shape their widget documents [doc]:
/// `{question, description, attempts, duration, thinkingTime, videoQuestion, answerType}`.
/// Optional parts absent from a template stay absent in the job made from it.
#[derive(Debug, Clone, Serialize, Deserialize, Default, PartialEq)]
#[serde(default, rename_all = "camelCase")]
pub struct Question {
    pub question: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attempts: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duration: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub thinking_time: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub video_question: Option<VideoQuestion>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub answer_type: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default)]
pub struct Job {
    pub id: String,
    pub title: String,
    #[serde(rename = "templateId")]
    pub template_id: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Default, PartialEq, Eq)]
#[serde(default)]
pub struct Candidate {
    #[serde(skip_serializing_if = "String::is_empty")]
    pub id: String,
    pub name: String,
    pub email: String,
}

/// An invitation [model]: one candidate's interview for one job.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default)]
pub struct Invitation {
    pub id: String,
    #[serde(rename = "jobId")]
    pub job_id: String,
    pub candidate: Option<Candidate>,
    pub status: String,
    pub deadline: Option<String>,
    #[serde(rename = "interviewLink")]
    pub interview_link: Option<String>,
    #[serde(rename = "completedAt")]
    pub completed_at: Option<String>,
    #[serde(rename = "shareLink")]
    pub share_link: Option<String>,
}

impl Invitation {
    /// Still counts as "invited" for its job: a second invite would reach the candidate twice.
    pub fn is_open(&self) -> bool {
        !matches!(self.status.as_str(), "Expired" | "Cancelled")
    }
}

/// `POST /invitations` with the candidate inline [model]: myInterview finds them by email or
/// adds them, so one call invites and a retry can't make a second candidate.
#[derive(Debug, Clone, Serialize)]
pub struct NewInvitation {
    pub candidate: Candidate,
    #[serde(rename = "jobId")]
    pub job_id: String,
    pub deadline: String,
    pub timezone: String,
    #[serde(rename = "sendEmail")]
    pub send_email: bool,
}

/// `GET /invitations/{id}/summary` [model; the words are the seed's]: "Completed" once graded,
/// `pass` the grade, `score` where the completion gave one, and the re-review link.
#[derive(Debug, Clone, Deserialize, Default, PartialEq)]
#[serde(default)]
pub struct Summary {
    pub status: String,
    pub pass: Option<bool>,
    pub score: Option<f64>,
    #[serde(rename = "reviewUrl")]
    pub review_url: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Link {
    pub url: String,
}

/// `videoQuestion`: `false`, or the address of a recorded question [model, after the widget's
/// documented flag]. Passed on as it came.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VideoQuestion {
    Flag(bool),
    Recorded(String),
}

impl Serialize for VideoQuestion {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            VideoQuestion::Flag(b) => s.serialize_bool(*b),
            VideoQuestion::Recorded(u) => s.serialize_str(u),
        }
    }
}

impl<'de> Deserialize<'de> for VideoQuestion {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<VideoQuestion, D::Error> {
        struct Visit;
        impl serde::de::Visitor<'_> for Visit {
            type Value = VideoQuestion;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a flag or an address")
            }
            fn visit_bool<E>(self, v: bool) -> Result<VideoQuestion, E> {
                Ok(VideoQuestion::Flag(v))
            }
            fn visit_str<E>(self, v: &str) -> Result<VideoQuestion, E> {
                Ok(VideoQuestion::Recorded(v.into()))
            }
        }
        d.deserialize_any(Visit)
    }
}
