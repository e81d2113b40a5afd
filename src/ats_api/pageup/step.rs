//! The steps of the video-interview workflow, each a status code the recruiter gives the
//! connection (optional fields of `CREDENTIALS`).

use crate::vendor::CredentialField;

pub(super) const fn status_field(step: Step) -> CredentialField {
    CredentialField {
        name: step.field(),
        label: step.label(),
        help: crate::vendor::shown(step.help()),
        secret: false,
        optional: true,
    }
}

/// A step of the video-interview workflow. Each moves the PageUp application to the status code
/// the recruiter gave for it on the connection: codes are each PageUp customer's own [catalog].
/// Left empty, that step moves nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Sent,
    Review,
    Shortlisted,
    Rejected,
}

impl Step {
    pub const ALL: [Step; 4] = [Step::Sent, Step::Review, Step::Shortlisted, Step::Rejected];

    /// The connection's field holding the step's code, and the step's name where it is kept.
    pub const fn field(self) -> &'static str {
        match self {
            Step::Sent => "status_sent",
            Step::Review => "status_review",
            Step::Shortlisted => "status_shortlisted",
            Step::Rejected => "status_rejected",
        }
    }

    const fn label(self) -> &'static str {
        match self {
            Step::Sent => crate::i18n::msg_key("f_pu_sent"),
            Step::Review => crate::i18n::msg_key("f_pu_review"),
            Step::Shortlisted => crate::i18n::msg_key("f_pu_short"),
            Step::Rejected => crate::i18n::msg_key("f_pu_rej"),
        }
    }

    const fn help(self) -> &'static str {
        match self {
            Step::Sent => crate::i18n::msg_key("h_pu_sent"),
            Step::Review => crate::i18n::msg_key("h_pu_review"),
            Step::Shortlisted => crate::i18n::msg_key("h_pu_short"),
            Step::Rejected => crate::i18n::msg_key("h_pu_rej"),
        }
    }

    pub fn of(field: &str) -> Option<Step> {
        Step::ALL.into_iter().find(|s| s.field() == field)
    }

    fn rank(self) -> u8 {
        match self {
            Step::Sent => 0,
            Step::Review => 1,
            Step::Shortlisted | Step::Rejected => 2,
        }
    }

    /// A verdict: nothing moves the application after it.
    pub fn is_final(self) -> bool {
        self.rank() == 2
    }

    /// Whether an application at `self` moves on to `next`: forward only, so a late poll that
    /// still sees "ready for review" never undoes a verdict; a changed verdict moves again.
    pub fn moves_to(self, next: Step) -> bool {
        next.rank() > self.rank() || (next.rank() == 2 && next != self)
    }

    /// The step an interview's state asks for: its verdict, else done and waiting for review.
    pub fn of_interview(to_review: bool, pass: Option<bool>) -> Option<Step> {
        match pass {
            Some(true) => Some(Step::Shortlisted),
            Some(false) => Some(Step::Rejected),
            None => to_review.then_some(Step::Review),
        }
    }
}
