//! A minimal HTTP/2 client against the sandbox: what Chromium relies on.

use super::*;
use rustls::pki_types::ServerName;
use rustls::{ClientConnection, StreamOwned};

type Stream = StreamOwned<ClientConnection, TcpStream>;

fn connect(port: u16) -> Stream {
    let mut config = (*crate::tls::client_config().unwrap()).clone();
    config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    let name = ServerName::try_from("api.sparkhire.com").unwrap();
    let conn = ClientConnection::new(Arc::new(config), name).unwrap();
    let tcp = TcpStream::connect(("127.0.0.1", port)).unwrap();
    tcp.set_read_timeout(Some(std::time::Duration::from_secs(20))).unwrap();
    tcp.set_nodelay(true).unwrap();
    let mut s = StreamOwned::new(conn, tcp);
    s.flush().unwrap();
    while s.conn.is_handshaking() {
        s.conn.complete_io(&mut s.sock).unwrap();
    }
    s
}

fn send(s: &mut Stream, kind: u8, flags: u8, stream: u32, payload: &[u8]) {
    let mut buf = (payload.len() as u32).to_be_bytes()[1..].to_vec();
    buf.extend_from_slice(&[kind, flags]);
    buf.extend_from_slice(&stream.to_be_bytes());
    buf.extend_from_slice(payload);
    s.write_all(&buf).unwrap();
    s.flush().unwrap();
}

fn recv(s: &mut Stream) -> (u8, u8, u32, Vec<u8>) {
    let mut head = [0u8; 9];
    s.read_exact(&mut head).unwrap();
    let len = u32::from_be_bytes([0, head[0], head[1], head[2]]) as usize;
    let mut payload = vec![0u8; len];
    s.read_exact(&mut payload).unwrap();
    (head[3], head[4], u32::from_be_bytes([head[5], head[6], head[7], head[8]]), payload)
}

/// Three requests at once on one connection, with a peer window far smaller than the
/// largest answer: each answer arrives whole and the same as over HTTP/1.1.
#[test]
fn streams_share_one_connection_and_respect_the_peers_window() {
    let sb = crate::start_fast("127.0.0.1:0", None).unwrap();
    let mut s = connect(sb.port);
    assert_eq!(s.conn.alpn_protocol(), Some(&b"h2"[..]), "the browser's connections should get h2");
    s.write_all(PREFACE).unwrap();
    // INITIAL_WINDOW_SIZE 1000: the server must wait for our WINDOW_UPDATEs.
    send(&mut s, SETTINGS, 0, 0, &[0, 4, 0, 0, 0x03, 0xe8]);
    let auth = crate::client::basic_auth("sh_demo_ada_7Kq2");
    let mut enc = Encoder::new();
    let requests: [(u32, &str, &str, &[u8]); 3] = [
        (1, "GET", "/_sandbox/state", b""),
        (3, "GET", "/v1.0/jobs", b""),
        (5, "POST", "/v1.0/interviews", br#"{"unknown": 1}"#),
    ];
    for (id, method, path, body) in requests {
        let fields: Vec<(&[u8], &[u8])> = vec![
            (b":method", method.as_bytes()),
            (b":scheme", b"https"),
            (b":authority", b"api.sparkhire.com"),
            (b":path", path.as_bytes()),
            (b"authorization", auth.as_bytes()),
            (b"content-type", b"application/json"),
        ];
        let block = enc.encode(fields);
        send(&mut s, HEADERS, END_HEADERS | if body.is_empty() { END_STREAM } else { 0 }, id, &block);
        if !body.is_empty() {
            send(&mut s, DATA, END_STREAM, id, body);
        }
    }
    let mut dec = Decoder::new();
    let mut status: HashMap<u32, String> = HashMap::new();
    let mut bodies: HashMap<u32, Vec<u8>> = HashMap::new();
    let mut done = 0;
    while done < 3 {
        let (kind, flags, stream, payload) = recv(&mut s);
        match kind {
            HEADERS => {
                for (k, v) in dec.decode(&payload).unwrap() {
                    if k == b":status" {
                        status.insert(stream, String::from_utf8(v).unwrap());
                    }
                }
            }
            DATA => {
                assert!(payload.len() <= 1000, "a DATA frame larger than the window we gave");
                bodies.entry(stream).or_default().extend_from_slice(&payload);
                if !payload.is_empty() {
                    let inc = (payload.len() as u32).to_be_bytes();
                    send(&mut s, WINDOW_UPDATE, 0, 0, &inc);
                    send(&mut s, WINDOW_UPDATE, 0, stream, &inc);
                }
            }
            GOAWAY | RST_STREAM => panic!("the server gave up on stream {stream}: {payload:?}"),
            _ => {}
        }
        if matches!(kind, HEADERS | DATA) && flags & END_STREAM != 0 {
            done += 1;
        }
    }
    assert_eq!(status[&1], "200");
    assert_eq!(status[&3], "200");
    assert_eq!(status[&5], "422", "strict bodies hold over HTTP/2 too");
    let over_h1 = crate::client::state(sb.port);
    let over_h2: serde_json::Value = serde_json::from_slice(&bodies[&1]).unwrap();
    assert!(bodies[&1].len() > 10_000, "the state should need many windows");
    assert_eq!(over_h2["interviews"], over_h1["interviews"]);
    let jobs: serde_json::Value = serde_json::from_slice(&bodies[&3]).unwrap();
    assert!(jobs.as_array().is_some_and(|a| !a.is_empty()));
    assert!(String::from_utf8_lossy(&bodies[&5]).contains("unknown"));
    sb.shutdown();
}
