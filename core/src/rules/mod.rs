//! The rule language (issue 9): a rule is an id, conditions (`when`) and an outcome (category,
//! action, hint, source). Built-in rules and a user's rules are values of the one [`Rule`] type,
//! read from the same JSON documents by [`document`], matched by the one matcher here and
//! indexed by [`set`]; `errtriage rules --json` prints them back in that form ([`print`]).
//!
//! The built-in rules are data compiled in: each contract's rules sit in its file under
//! `contracts/`, the evidence lexicon under `evidence/`, the status, transport and
//! request-context rules in `rules/builtin/`; they are parsed once, on first use, by the same
//! parser and validator as a user's document (a test holds that they parse).

pub(crate) mod builtin;
pub(crate) mod document;
pub(crate) mod gate;
pub(crate) mod print;
pub(crate) mod set;
pub(crate) mod words;

use alloc::string::String;
use alloc::vec::Vec;

use crate::headers::ResponseHeaders;
use crate::input::{Request, Transport};
use crate::vocab::{Action, Category, Sent, Shape, TransportKind};
use words::Words;

pub use set::index_of;

/// One line of the model.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rule {
    pub(crate) id: String,
    pub(crate) category: Option<Category>,
    pub(crate) action: Action,
    pub(crate) hint: String,
    pub(crate) source: String,
    pub(crate) when: When,
    pub(crate) user: bool,
    /// The end of every verdict this rule decides, escaped once when the rule is read:
    /// `,"hint":…,"rule":…}` ([`crate::verdict::Verdict::to_json`]).
    pub(crate) json_tail: String,
}

impl Rule {
    /// The end of a verdict's JSON form for a rule with this `id` and `hint`.
    pub(crate) fn json_tail(id: &str, hint: &str) -> String {
        let mut tail = String::with_capacity(id.len() + hint.len() + 20);
        tail.push_str(",\"hint\":");
        crate::text::push_json_string(&mut tail, hint);
        tail.push_str(",\"rule\":");
        crate::text::push_json_string(&mut tail, id);
        tail.push('}');
        tail
    }

    /// Stable id, `family.name` (`core.upstream_error`, `status.502`, `context.token_fresh`);
    /// a user's rule has a family of its own (`acme.quota_exceeded`).
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The category it decides; `None` for rules that adjust the action and keep the category.
    pub fn category(&self) -> Option<Category> {
        self.category
    }

    /// The action it decides.
    pub fn action(&self) -> Action {
        self.action
    }

    /// One short sentence on what to do.
    pub fn hint(&self) -> &str {
        &self.hint
    }

    /// Where the rule comes from (seed section, RFC, vendor documentation, or the user's text).
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Whether the rule came from a user's rules document.
    pub fn is_user(&self) -> bool {
        self.user
    }

    /// The codes (exact, any case) and error types this rule matches; empty for rules that do
    /// not match on a code.
    pub fn codes(&self) -> impl Iterator<Item = &str> {
        self.when
            .codes
            .iter()
            .chain(self.when.codes_ci.iter())
            .chain(self.when.types.iter())
            .map(String::as_str)
    }

    /// The rule in the rules-document form (one JSON object).
    pub fn to_json(&self) -> String {
        print::rule(self)
    }
}

/// A status condition: an inclusive range.
pub(crate) type Range = (u16, u16);

/// When a rule applies: every condition given must hold.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct When {
    pub shapes: Vec<Shape>,
    pub codes: Vec<String>,
    pub codes_ci: Vec<String>,
    /// The error's `type` member (typed contracts).
    pub types: Vec<String>,
    pub code_words: Words,
    pub message: Words,
    pub status: Vec<Range>,
    pub not_status: Vec<Range>,
    pub success: Option<bool>,
    pub headers: Vec<HeaderTest>,
    pub methods: Vec<String>,
    pub endpoints: Vec<String>,
    pub hosts: Vec<String>,
    /// Transport failures of these kinds (a rule with kinds matches transport failures only).
    pub transport: Vec<TransportKind>,
    pub sent: Option<Sent>,
    pub detail: Words,
    /// Applied by the code of the pass that owns it (request context, server directives).
    pub applied: bool,
}

/// A condition on a response header (its first value; names compare case-insensitively).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct HeaderTest {
    pub name: String,
    /// A parameter inside the value (`remaining` in `limit=10, remaining=0`, `r` in `;r=0`).
    pub param: Option<String>,
    pub test: HeaderIs,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum HeaderIs {
    Present(bool),
    /// Equal, ASCII case ignored.
    Equals(String),
    /// A whole number compared: the operator's name and the number.
    Number(Compare, i64),
    /// The auth scheme of a `WWW-Authenticate` value, ASCII case ignored.
    Scheme(String),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Compare {
    Lt,
    Le,
    Eq,
    Ge,
    Gt,
}

impl Compare {
    pub(crate) const NAMES: [(&'static str, Compare); 5] = [
        ("lt", Compare::Lt),
        ("le", Compare::Le),
        ("eq", Compare::Eq),
        ("ge", Compare::Ge),
        ("gt", Compare::Gt),
    ];

    fn holds(self, a: i64, b: i64) -> bool {
        match self {
            Compare::Lt => a < b,
            Compare::Le => a <= b,
            Compare::Eq => a == b,
            Compare::Ge => a >= b,
            Compare::Gt => a > b,
        }
    }
}

/// What a rule is matched against: the facts of one failure.
pub(crate) struct Facts<'a> {
    pub status: Option<u16>,
    pub shape: Shape,
    pub code: Option<&'a str>,
    /// The code as words ([`words::code_words`]) and where they start, made on first use.
    pub code_words: core::cell::OnceCell<Option<(String, words::WordStarts)>>,
    pub kind: Option<&'a str>,
    pub message: Option<&'a str>,
    /// Where the message's words start, found on first use.
    pub message_starts: core::cell::OnceCell<Option<words::WordStarts>>,
    pub headers: Option<&'a ResponseHeaders<'a>>,
    pub request: &'a Request<'a>,
    pub transport: Option<&'a Transport<'a>>,
    /// A 2xx whose body does not say it failed: only rules that name the status apply.
    pub quiet_success: bool,
}

impl Facts<'_> {
    /// The code as words, and where they start (made once, on first use).
    #[inline(never)]
    pub(crate) fn code_scan(&self) -> Option<(&str, &words::WordStarts)> {
        let scanned = self.code_words.get_or_init(|| {
            self.code.map(|c| {
                let w = words::code_words(c);
                let starts = words::WordStarts::of(&w);
                (w, starts)
            })
        });
        scanned.as_ref().map(|(w, s)| (w.as_str(), s))
    }

    /// The message, and where its words start (found once, on first use).
    #[inline(never)]
    pub(crate) fn message_scan(&self) -> Option<(&str, &words::WordStarts)> {
        let starts = self
            .message_starts
            .get_or_init(|| self.message.map(words::WordStarts::of));
        self.message.zip(starts.as_ref())
    }
}

fn in_ranges(ranges: &[Range], status: u16) -> bool {
    ranges.iter().any(|&(lo, hi)| lo <= status && status <= hi)
}

/// Conditions of a rule already known to hold for a failure, so not tested again.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Known {
    /// Its `code` list has the failure's code.
    pub code: bool,
    /// Its `code_ci` list has the failure's code, ignoring case.
    pub code_ci: bool,
    /// Its `type` list has the failure's type.
    pub kind: bool,
}

impl When {
    /// Whether every condition holds for `f`.
    pub(crate) fn holds(&self, f: &Facts<'_>) -> bool {
        self.holds_known(f, Known::default())
    }

    /// [`When::holds`], with the conditions `known` to hold already not tested again (a rule
    /// found through the table of its code holds for that code).
    pub(crate) fn holds_known(&self, f: &Facts<'_>, known: Known) -> bool {
        if self.applied {
            return false;
        }
        if let Some(t) = f.transport {
            if self.transport.is_empty()
                || !self.transport.contains(&t.kind)
                || self.sent.is_some_and(|s| s != t.sent)
                || !self.detail.matches(t.detail, false)
            {
                return false;
            }
        } else if !self.transport.is_empty() {
            return false;
        }
        if f.quiet_success && self.status.is_empty() && self.success != Some(true) {
            return false;
        }
        if !self.status_holds(f.status) {
            return false;
        }
        if !self.shapes.is_empty() && !self.shapes.contains(&f.shape) {
            return false;
        }
        if !known.code
            && !self.codes.is_empty()
            && !f.code.is_some_and(|c| self.codes.iter().any(|k| k == c))
        {
            return false;
        }
        if !known.code_ci
            && !self.codes_ci.is_empty()
            && !f
                .code
                .is_some_and(|c| self.codes_ci.iter().any(|k| k.eq_ignore_ascii_case(c)))
        {
            return false;
        }
        if !known.kind
            && !self.types.is_empty()
            && !f.kind.is_some_and(|c| self.types.iter().any(|k| k == c))
        {
            return false;
        }
        if !self.request_holds(f.request) {
            return false;
        }
        if !self.headers.is_empty()
            && !self
                .headers
                .iter()
                .all(|h| f.headers.is_some_and(|all| h.holds(all)))
        {
            return false;
        }
        if !self.code_words.is_empty() && !self.code_words.matches_scanned(f.code_scan(), false) {
            return false;
        }
        self.message.is_empty() || self.message.matches_scanned(f.message_scan(), true)
    }

    fn status_holds(&self, status: Option<u16>) -> bool {
        let needs_status =
            !self.status.is_empty() || !self.not_status.is_empty() || self.success.is_some();
        let Some(s) = status else {
            return !needs_status;
        };
        (self.status.is_empty() || in_ranges(&self.status, s))
            && !in_ranges(&self.not_status, s)
            && self
                .success
                .map_or(true, |ok| ok == (200..=299).contains(&s))
    }

    fn request_holds(&self, r: &Request<'_>) -> bool {
        if self.methods.is_empty() && self.endpoints.is_empty() && self.hosts.is_empty() {
            return true;
        }
        if !self.methods.is_empty()
            && !r
                .method
                .is_some_and(|m| self.methods.iter().any(|k| k.eq_ignore_ascii_case(m)))
        {
            return false;
        }
        let (host, path) = r.endpoint.map(split_endpoint).unwrap_or((None, ""));
        if !self.endpoints.is_empty()
            && !self.endpoints.iter().any(|p| path.starts_with(p.as_str()))
        {
            return false;
        }
        self.hosts.is_empty()
            || host.is_some_and(|h| {
                self.hosts.iter().any(|k| {
                    h.eq_ignore_ascii_case(k)
                        || (k.starts_with('.')
                            && h.len() > k.len()
                            && h.get(h.len() - k.len()..)
                                .is_some_and(|end| end.eq_ignore_ascii_case(k)))
                })
            })
    }
}

/// The host (when the endpoint is a URL) and the path of an endpoint.
pub(crate) fn split_endpoint(endpoint: &str) -> (Option<&str>, &str) {
    let Some(pos) = endpoint.find("://") else {
        return (None, endpoint);
    };
    let rest = endpoint.get(pos + 3..).unwrap_or("");
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = rest.get(..end).unwrap_or("");
    let host = authority.rsplit('@').next().unwrap_or(authority);
    let host = match host.rfind(':') {
        Some(colon) if !host.ends_with(']') => host.get(..colon).unwrap_or(host),
        _ => host,
    };
    (Some(host), rest.get(end..).unwrap_or(""))
}

impl HeaderTest {
    fn holds(&self, headers: &ResponseHeaders<'_>) -> bool {
        let value = headers.first(&self.name);
        let value = match (&self.param, value) {
            (Some(p), Some(v)) => param(v, p),
            (None, v) => v,
            (Some(_), None) => None,
        };
        match (&self.test, value) {
            (HeaderIs::Present(want), v) => v.is_some() == *want,
            (_, None) => false,
            (HeaderIs::Equals(x), Some(v)) => v.eq_ignore_ascii_case(x),
            (HeaderIs::Number(op, n), Some(v)) => {
                whole_number(v).is_some_and(|got| op.holds(got, *n))
            }
            (HeaderIs::Scheme(s), Some(v)) => {
                let scheme = v.split([' ', ',']).next().unwrap_or("");
                scheme.eq_ignore_ascii_case(s)
            }
        }
    }
}

/// `name=value` inside a header value whose parameters are separated by `,` or `;`.
fn param<'a>(value: &'a str, name: &str) -> Option<&'a str> {
    value.split([',', ';']).find_map(|part| {
        let (k, v) = part.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case(name)
            .then(|| v.trim().trim_matches('"'))
    })
}

/// An optionally signed whole number of at most 18 digits.
fn whole_number(text: &str) -> Option<i64> {
    let t = text.trim();
    let (neg, digits) = match t.strip_prefix('-') {
        Some(d) => (true, d),
        None => (false, t),
    };
    let n = i64::try_from(crate::number::whole(digits)?).ok()?;
    Some(if neg { -n } else { n })
}

/// Every built-in rule, in the order the model consults them.
pub fn all() -> impl Iterator<Item = &'static Rule> {
    set::builtin().rules()
}

/// The built-in rule with this id.
pub fn find(id: &str) -> Option<&'static Rule> {
    set::builtin().rule(id)
}
