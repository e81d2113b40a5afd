//! The bridges' worker bundle: the workflows between two other systems (Hellohire ×
//! SmartRecruiters, Spottabl × Lever), built as their own wasm (`build.sh`, bundle `bridges`) that the worker's
//! shim starts only when one of their requests or alarms comes, so a recruiter who doesn't use
//! them never loads their code. It shares the worker's storage, fetch and keys code; its
//! requests are `read::BRIDGE_REQUESTS`.

use wasm_bindgen::prelude::*;

use super::hellohire;
use super::spottabl;
use crate::message::{Failure, Reply, Request, Sender};

/// Work a bridge carries on when its alarm wakes the worker: Hellohire ratings SmartRecruiters
/// hasn't taken (`ratings`), Spottabl partner candidates to bring into Lever (`spottabl`).
#[cfg_attr(feature = "bridges", wasm_bindgen)]
pub async fn bridge_resume(what: String) {
    match what.as_str() {
        "ratings" => hellohire::resume_ratings().await,
        "spottabl" => super::spottabl::resume().await,
        _ => {}
    }
}

#[cfg_attr(feature = "bridges", wasm_bindgen)]
pub async fn bridge_message(message: JsValue, sender: JsValue, extension_base: String) -> JsValue {
    let request = crate::read::bridge_request(crate::node::Node::of(message));
    super::worker::answer(request, sender, &extension_base, handle).await
}

async fn handle(req: Request, sender: Sender) -> Result<Reply, Failure> {
    match req {
        Request::FindInSmartRecruiters { registrant, interview } => {
            hellohire::find(&registrant.get()?, &interview).await
        }
        Request::CreateInSmartRecruiters { registrant, interview } => {
            hellohire::create(&registrant.get()?, &interview).await
        }
        Request::Rate { registrant, interview, rating } => {
            hellohire::rate(registrant.get()?, interview, rating).await
        }
        Request::PreviewSync => hellohire::preview(sender.tab_id).await,
        Request::SyncRegistrants { registrants } => hellohire::sync(sender.tab_id, registrants.get()?).await,
        Request::GetSpottablImport => super::spottabl::last().await,
        Request::ImportSpottablJobs { count } => super::spottabl::import(count).await,
        Request::SetSpottablAuto { on } => super::spottabl::set_auto(on).await,
        Request::LookInSpottabl => super::spottabl::look_now().await,
        Request::GetSpottablStages => super::spottabl::stage_view().await,
        Request::GetLeverUsers => super::spottabl::lever_users().await,
        Request::SaveSpottablStages { pairs } => super::spottabl::save_stages(pairs.get()?).await,
        Request::GetSpottablJob { posting } => spottabl::job(posting, false).await,
        Request::ImportSpottablJob { posting } => spottabl::job(posting, true).await,
        Request::SpottablThread { opportunity, reply } => spottabl::thread(opportunity, reply).await,
        _ => Err(Failure::plain(crate::i18n::msg("unknown_message"))),
    }
}
