//! The messages' wire format; compiled only under #[cfg(test)] (message/mod.rs).

use super::*;
use crate::error::ApiError;

#[test]
fn wire_format_is_externally_tagged_json() {
    let r: Request = serde_json::from_str(
        r#"{"PageFields":{"url":"https://hire.lever.co/","fields":{"name":"Ada","email":null}}}"#,
    )
    .unwrap();
    assert_eq!(
        r,
        Request::PageFields {
            url: "https://hire.lever.co/".into(),
            fields: Wire::new(PageFields { name: Some("Ada".into()), email: None, ..Default::default() })
        }
    );
    let v = crate::provider::ALL[0].vendor;
    let r: Request = serde_json::from_str(&format!(
        r#"{{"SaveKey":{{"vendor":"{}","values":[{{"field":"api_key","value":"k"}}]}}}}"#,
        v.id
    ))
    .unwrap();
    assert_eq!(
        r,
        Request::SaveKey {
            vendor: v,
            values: Wire::new(vec![FieldValue { field: "api_key".into(), value: "k".into() }])
        }
    );
    assert!(serde_json::from_str::<Request>(r#"{"RemoveKey":{"vendor":"nobody"}}"#).is_err());
    assert!(serde_json::from_str::<Request>(r#"{"DeleteEverything":{}}"#).is_err());
    assert_eq!(serde_json::from_str::<Request>(r#""GetContext""#).unwrap(), Request::GetContext);
    let json = serde_json::to_value(Reply::failed(ApiError::KeyRejected { vendor: v })).unwrap();
    assert_eq!(json["Failed"]["failure"]["key_problem"], v.id);
}
