//! Which strings are credentials by their form alone, wherever they stand: the families secret
//! scanners document, each entry naming its gitleaks rule (`config/gitleaks.toml`) or the
//! vendor's documentation. A match starts a word (the byte before it is not a letter or
//! digit), has the documented prefix, and continues with at least the documented number of
//! characters of its alphabet, the whole run up to the next byte outside it. The prefix stays
//! visible where it says only what kind of credential was there (`sk_live_[REDACTED]`,
//! `ghp_[REDACTED]`); the rest is replaced. At the very end of a text, which may have been cut
//! there, half the length counts. Formats that need context (an AWS secret access
//! key, a Twilio auth token) are in `context.rs`; PEM blocks in `pem.rs`; `Bearer`/`Basic` in
//! `schemes.rs`; credentials inside URLs in `urls.rs`.

use super::marks::Marks;
use super::scan::{at, starts_with, word_start, Class, Runs};

/// One documented credential format.
struct Format {
    /// What it is, and where the format is documented (kept by the tests only: in a build the
    /// table is its own documentation, and the WebAssembly package stays smaller).
    #[cfg(test)]
    source: &'static str,
    prefix: &'static [u8],
    body: Class,
    /// The fewest body characters that make a match (at most what the source documents, so a
    /// cut or shortened key still counts).
    min: usize,
    /// The most, for exact-length formats (`usize::MAX` otherwise).
    max: usize,
    /// Whether the prefix is shown.
    keep_prefix: bool,
    /// Any further check of the body.
    check: fn(&[u8]) -> bool,
}

const ANY: usize = usize::MAX;

fn always(_: &[u8]) -> bool {
    true
}

/// JWS compact form: base64url header, payload and signature joined by dots.
fn two_dotted_parts(token: &[u8]) -> bool {
    token
        .split(|&b| b == b'.')
        .filter(|p| !p.is_empty())
        .count()
        >= 2
}

/// AWS key ids use base32 letters and digits only.
fn aws_key_id(body: &[u8]) -> bool {
    body.iter()
        .all(|b| b.is_ascii_uppercase() || (b'2'..=b'7').contains(b))
}

const fn row(
    prefix: &'static [u8],
    body: Class,
    min: usize,
    max: usize,
    keep_prefix: bool,
    check: fn(&[u8]) -> bool,
    source: &'static str,
) -> Format {
    #[cfg(not(test))]
    let _ = source;
    Format {
        #[cfg(test)]
        source,
        prefix,
        body,
        min,
        max,
        keep_prefix,
        check,
    }
}

/// The table, one row per format: prefix, body alphabet, fewest and most body characters,
/// whether the prefix stays, a further check, and the source. Sorted by the prefix's first
/// byte (the scanner looks up the rows for the byte it stands on); where prefixes overlap, the
/// longer comes first (`sk-ant-` before `sk-`). Both orders are checked by a test.
#[rustfmt::skip]
const FORMATS: &[Format] = &[
    row(b"AKIA", Class::Upper, 16, 16, true, aws_key_id, "gitleaks aws-access-token (AWS access key id)"),
    row(b"ASIA", Class::Upper, 16, 16, true, aws_key_id, "gitleaks aws-access-token (AWS temporary key id)"),
    row(b"ABIA", Class::Upper, 16, 16, true, aws_key_id, "gitleaks aws-access-token"),
    row(b"ACCA", Class::Upper, 16, 16, true, aws_key_id, "gitleaks aws-access-token"),
    row(b"AGE-SECRET-KEY-1", Class::Upper, 58, 58, true, always, "gitleaks age-secret-key"),
    row(b"AIza", Class::Token, 30, ANY, true, always, "gitleaks gcp-api-key (Google API key)"),
    row(b"ATATT3", Class::Token, 100, ANY, true, always, "gitleaks atlassian-api-token"),
    row(b"NRAK-", Class::Upper, 27, 27, true, always, "gitleaks new-relic-user-api-key"),
    row(b"PMAK-", Class::Dash, 50, ANY, true, always, "gitleaks postman-api-token"),
    row(b"SG.", Class::Dotted, 60, ANY, true, always, "gitleaks sendgrid-api-token"),
    row(b"SK", Class::Hex, 32, 32, true, always, "gitleaks twilio-api-key (API key SID)"),
    row(b"dapi", Class::Hex, 32, 32, true, always, "gitleaks databricks-api-token"),
    row(b"dop_v1_", Class::Hex, 64, 64, true, always, "gitleaks digitalocean-pat"),
    row(b"doo_v1_", Class::Hex, 64, 64, true, always, "gitleaks digitalocean-access-token"),
    row(b"dor_v1_", Class::Hex, 64, 64, true, always, "gitleaks digitalocean-refresh-token"),
    row(b"dp.pt.", Class::Alnum, 40, ANY, true, always, "gitleaks doppler-api-token"),
    row(b"eyJ", Class::Dotted, 13, ANY, false, two_dotted_parts, "RFC 7519 JWT (JWS compact form; a header `{\"` encodes as `eyJ`), gitleaks jwt"),
    row(b"ghp_", Class::Alnum, 20, ANY, true, always, "gitleaks github-pat"),
    row(b"gho_", Class::Alnum, 20, ANY, true, always, "gitleaks github-oauth"),
    row(b"ghu_", Class::Alnum, 20, ANY, true, always, "gitleaks github-app-token (user-to-server)"),
    row(b"ghs_", Class::Alnum, 20, ANY, true, always, "gitleaks github-app-token (server-to-server)"),
    row(b"ghr_", Class::Alnum, 20, ANY, true, always, "gitleaks github-refresh-token"),
    row(b"github_pat_", Class::Word, 40, ANY, true, always, "gitleaks github-fine-grained-pat"),
    row(b"glpat-", Class::Token, 20, ANY, true, always, "gitleaks gitlab-pat"),
    row(b"gldt-", Class::Token, 20, ANY, true, always, "gitleaks gitlab-deploy-token"),
    row(b"glrt-", Class::Token, 20, ANY, true, always, "gitleaks gitlab-runner-authentication-token"),
    row(b"glptt-", Class::Hex, 40, ANY, true, always, "gitleaks gitlab-ptt (pipeline trigger token)"),
    row(b"glsa_", Class::Word, 40, ANY, true, always, "gitleaks grafana-service-account-token"),
    row(b"glc_", Class::Base64, 32, ANY, true, always, "gitleaks grafana-cloud-api-token"),
    row(b"hf_", Class::Alnum, 30, ANY, true, always, "gitleaks huggingface-access-token"),
    row(b"hvs.", Class::Token, 24, ANY, true, always, "gitleaks vault-service-token (HashiCorp Vault)"),
    row(b"hvb.", Class::Token, 24, ANY, true, always, "gitleaks vault-batch-token (HashiCorp Vault)"),
    row(b"key-", Class::Hex, 32, 32, true, always, "gitleaks mailgun-private-api-token"),
    row(b"lin_api_", Class::Alnum, 40, ANY, true, always, "gitleaks linear-api-key"),
    row(b"npm_", Class::Alnum, 36, ANY, true, always, "gitleaks npm-access-token"),
    row(b"pypi-AgEIcHlwaS5vcmc", Class::Token, 50, ANY, true, always, "gitleaks pypi-upload-token"),
    row(b"pypi-AgENdGVzdC5weXBpLm9yZw", Class::Token, 50, ANY, true, always, "gitleaks pypi-upload-token (TestPyPI)"),
    row(b"pul-", Class::Hex, 40, 40, true, always, "gitleaks pulumi-api-token"),
    row(b"rk_live_", Class::Alnum, 10, ANY, true, always, "gitleaks stripe-access-token (restricted key)"),
    row(b"rk_test_", Class::Alnum, 10, ANY, true, always, "gitleaks stripe-access-token (restricted test key)"),
    row(b"rubygems_", Class::Hex, 48, 48, true, always, "gitleaks rubygems-api-token"),
    row(b"sk_live_", Class::Alnum, 10, ANY, true, always, "gitleaks stripe-access-token (secret key)"),
    row(b"sk_test_", Class::Alnum, 10, ANY, true, always, "gitleaks stripe-access-token (test secret key)"),
    row(b"sk_prod_", Class::Alnum, 10, ANY, true, always, "gitleaks stripe-access-token"),
    row(b"sk-ant-", Class::Token, 32, ANY, true, always, "gitleaks anthropic-api-key, anthropic-admin-api-key"),
    row(b"sk-proj-", Class::Token, 32, ANY, true, always, "gitleaks openai-api-key (project key)"),
    row(b"sk-svcacct-", Class::Token, 32, ANY, true, always, "gitleaks openai-api-key (service account key)"),
    row(b"sk-admin-", Class::Token, 32, ANY, true, always, "gitleaks openai-api-key (admin key)"),
    row(b"sk-", Class::Token, 32, ANY, true, always, "gitleaks openai-api-key (legacy sk-…T3BlbkFJ…; other vendors' sk- keys alike)"),
    row(b"sntryu_", Class::Hex, 64, 64, true, always, "gitleaks sentry-user-token"),
    row(b"sntrys_", Class::Base64Pad, 40, ANY, true, always, "gitleaks sentry-org-token"),
    row(b"shpat_", Class::Hex, 32, 32, true, always, "gitleaks shopify-access-token"),
    row(b"shpca_", Class::Hex, 32, 32, true, always, "gitleaks shopify-custom-access-token"),
    row(b"shppa_", Class::Hex, 32, 32, true, always, "gitleaks shopify-private-app-access-token"),
    row(b"shpss_", Class::Hex, 32, 32, true, always, "gitleaks shopify-shared-secret"),
    row(b"sq0atp-", Class::Token, 22, ANY, true, always, "gitleaks square-access-token"),
    row(b"sq0csp-", Class::Token, 40, ANY, true, always, "gitleaks square-secret"),
    row(b"whsec_", Class::Alnum, 24, ANY, true, always, "Stripe docs, \"Check the webhook signatures\": an endpoint's signing secret starts whsec_"),
    row(b"xapp-", Class::Dash, 10, ANY, true, always, "gitleaks slack-app-token"),
    row(b"xoxb-", Class::Dash, 10, ANY, true, always, "gitleaks slack-bot-token"),
    row(b"xoxp-", Class::Dash, 10, ANY, true, always, "gitleaks slack-user-token"),
    row(b"xoxe.xox", Class::Dash, 10, ANY, true, always, "gitleaks slack-config-access-token"),
    row(b"xoxe-", Class::Dash, 10, ANY, true, always, "gitleaks slack-config-refresh-token"),
    row(b"xoxa-", Class::Dash, 10, ANY, true, always, "gitleaks slack-legacy-workspace-token"),
    row(b"xoxr-", Class::Dash, 10, ANY, true, always, "gitleaks slack-legacy-workspace-token"),
    row(b"xoxo-", Class::Dash, 10, ANY, true, always, "gitleaks slack-legacy-token"),
    row(b"xoxs-", Class::Dash, 10, ANY, true, always, "gitleaks slack-legacy-token"),
];

/// Whether some format starts with `b` (a cheap test before the table is read).
fn may_start(b: u8) -> bool {
    matches!(
        b,
        b'A' | b'N'
            | b'P'
            | b'S'
            | b'a'
            | b'd'
            | b'e'
            | b'g'
            | b'h'
            | b'k'
            | b'l'
            | b'n'
            | b'p'
            | b'r'
            | b's'
            | b'w'
            | b'x'
    )
}

/// The format matching at `i`: (bytes kept, end of the match).
fn match_at(text: &[u8], i: usize, runs: &mut Runs<'_>) -> Option<(usize, usize)> {
    let first = at(text, i)?;
    let from = FORMATS.partition_point(|f| f.prefix.first().is_some_and(|&b| b < first));
    let rows = FORMATS.get(from..).unwrap_or(&[]);
    for format in rows.iter().take_while(|f| f.prefix.first() == Some(&first)) {
        if !starts_with(text, i, format.prefix) {
            continue;
        }
        let body_start = i + format.prefix.len();
        let end = runs.end(format.body, body_start);
        let len = end - body_start;
        // The run must end the word, not stop inside a longer one.
        let ends_word = !at(text, end).is_some_and(|b| b.is_ascii_alphanumeric());
        let body = text.get(body_start..end).unwrap_or(&[]);
        // A text that ends inside a credential may have been cut there (a body prefix, a
        // caller's truncated log line): at the very end, a body of half the length counts.
        let cut_short = end == text.len() && len < format.min && 2 * len >= format.min;
        let fits = (len >= format.min && len <= format.max) || cut_short;
        if fits && ends_word && (format.check)(body) {
            let keep = if format.keep_prefix {
                format.prefix.len()
            } else {
                0
            };
            return Some((keep, end));
        }
    }
    None
}

/// Marks every credential of the table in `text`.
pub(super) fn mark(text: &[u8], marks: &mut Marks) {
    let mut runs = Runs::new(text);
    let mut i = 0;
    while let Some(b) = at(text, i) {
        if may_start(b) && word_start(text, i) {
            if let Some((keep, end)) = match_at(text, i, &mut runs) {
                marks.mark(i + keep, end);
                i = end;
                continue;
            }
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::String;

    fn redact(text: &str) -> String {
        let mut marks = Marks::new(text.len());
        mark(text.as_bytes(), &mut marks);
        marks.apply(text).unwrap_or_else(|| String::from(text))
    }

    #[test]
    fn the_table_is_in_lookup_order_and_names_its_sources() {
        for (i, format) in FORMATS.iter().enumerate() {
            assert!(may_start(format.prefix[0]), "{}", format.source);
            assert!(format.source.len() > 8);
            assert!(format.min > 0 && format.min <= format.max);
            if let Some(next) = FORMATS.get(i + 1) {
                assert!(
                    format.prefix[0] <= next.prefix[0],
                    "sorted: {}",
                    format.source
                );
            }
            // No row hides a later one behind a shorter prefix.
            for later in &FORMATS[i + 1..] {
                assert!(!later.prefix.starts_with(format.prefix), "{}", later.source);
            }
        }
    }

    #[test]
    fn vendor_keys() {
        assert_eq!(
            redact("key AKIAIOSFODNN7EXAMPLE, ok"),
            "key AKIA[REDACTED], ok"
        );
        assert_eq!(
            redact("Invalid API Key provided: sk_live_4eC39HqLyjWDarjtT1zdp7dc."),
            "Invalid API Key provided: sk_live_[REDACTED]."
        );
        assert_eq!(
            redact("`ghp_0123456789abcdefghijABCDEFGHIJ012345`"),
            "`ghp_[REDACTED]`"
        );
        assert_eq!(
            redact("SG.abcdefghijklmnopqrstuv.abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ!"),
            "SG.[REDACTED]!"
        );
        let jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.sig_nature-x";
        assert_eq!(
            redact(&alloc::format!("token {jwt} end")),
            "token [REDACTED] end"
        );
    }

    #[test]
    fn a_key_cut_at_the_end_of_a_text_counts() {
        assert_eq!(redact("log ghp_1KZd1Wz6vsng3QnW"), "log ghp_[REDACTED]");
        assert_eq!(
            redact("log ghp_1KZd1Wz6vsng3QnW more"),
            "log ghp_1KZd1Wz6vsng3QnW more"
        );
    }

    #[test]
    fn look_alikes_stay() {
        for text in [
            "pk_live_51H8abcdefghijklmnopqrstu",
            "AKIAIOSFODNN7EXAMPLEX",
            "desk-0123456789abcdef0123456789abcdef0123",
            "sk-short and more",
            "SK0123",
            "eyJpZCI6IDQ0MDY4fQ==",
            "task_AIzaSyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUvW",
        ] {
            assert_eq!(redact(text), text);
        }
    }
}
