//! [`Classifier`]: the built-in model with a user's rules documents over it (issue 9 §2). A
//! user's rules win over the built-ins (DESIGN.md §1 rule 2), may switch built-ins off by id,
//! and decide verdicts that name them in `rule`. Cheap to clone and to share across threads:
//! the rules are read and indexed once.

use alloc::string::String;
use alloc::sync::Arc;

use crate::classify::{classify_in, classify_with};
use crate::error::Error;
use crate::input::Input;
use crate::json_form::{classify_json_with, present, with_input, with_input_and};
use crate::json_tree::Json;
use crate::report::{fields_for, history, report_for, AttemptRecord, EscalationReport, LogFields};
use crate::rules::set::{self, RuleSet};
use crate::rules::{print, Rule};
use crate::scratch::Scratch;
use crate::verdict::{Verdict, VerdictRef};

/// A classifier: the built-in rules, or a user's rules over them.
///
/// ```
/// use errtriage::{Action, Classifier, Input};
///
/// let rules = r#"{"errtriage_rules": 1, "rules": [
///   {"id": "acme.quota", "when": {"code": ["QUOTA_EXCEEDED"]},
///    "category": "rejected", "action": "fix_configuration",
///    "hint": "Raise the monthly quota in the Acme console.", "source": "Acme API errors"}]}"#;
/// let acme = Classifier::new(rules)?;
/// let body = br#"{"code": "QUOTA_EXCEEDED", "message": "Monthly quota exceeded"}"#;
/// let verdict = acme.classify(&Input::response(429)?.with_body(body));
/// assert_eq!(verdict.action, Action::FixConfiguration);
/// assert_eq!(verdict.rule.id(), "acme.quota");
/// # Ok::<(), errtriage::Error>(())
/// ```
#[derive(Clone)]
pub struct Classifier {
    set: Option<Arc<RuleSet>>,
}

impl Default for Classifier {
    fn default() -> Self {
        Classifier::builtin()
    }
}

impl core::fmt::Debug for Classifier {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Classifier")
            .field("rules", &self.set().len())
            .field("user_rules", &self.rules().filter(|r| r.is_user()).count())
            .finish()
    }
}

impl Classifier {
    /// The built-in rules alone (what [`crate::classify`] uses).
    pub fn builtin() -> Self {
        Classifier { set: None }
    }

    /// The built-in rules with one rules document over them. The document is checked whole: any
    /// problem is an [`Error`] naming its JSON path (`rules[3].when.status`).
    pub fn new(document: &str) -> Result<Self, Error> {
        Classifier::layered(&[document])
    }

    /// The built-in rules with several documents over them; a later document wins over an
    /// earlier one (its rules are tried first, and replace an earlier rule of the same id).
    /// Errors name the document (`documents[1].rules[0].id`) when there are several.
    pub fn layered(documents: &[&str]) -> Result<Self, Error> {
        if documents.is_empty() {
            return Ok(Classifier::builtin());
        }
        Ok(Classifier {
            set: Some(Arc::new(set::layered(documents)?)),
        })
    }

    fn set(&self) -> &RuleSet {
        match &self.set {
            Some(s) => s,
            None => set::builtin(),
        }
    }

    /// Classifies one failed call. Never panics; every input gets a verdict.
    pub fn classify(&self, input: &Input<'_>) -> Verdict {
        classify_with(self.set(), input)
    }

    /// [`Classifier::classify`] for a caller that classifies in a loop: the body's JSON tree is
    /// read into `scratch`, memory kept from the last call (no allocation for the tree once it
    /// is warm), and the verdict's texts borrow from `input` until
    /// [`VerdictRef::into_owned`] copies them. The verdict is exactly [`Classifier::classify`]'s.
    ///
    /// ```
    /// use errtriage::{Classifier, Input, Scratch};
    /// let (classifier, mut scratch) = (Classifier::builtin(), Scratch::new());
    /// for status in [429, 503] {
    ///     let input = Input::response(status)?.with_body(br#"{"error": {"code": "BUSY"}}"#);
    ///     let verdict = classifier.classify_ref(&mut scratch, &input);
    ///     assert_eq!(verdict.code.as_deref(), Some("BUSY"));
    ///     assert_eq!(verdict.into_owned(), classifier.classify(&input));
    /// }
    /// # Ok::<(), errtriage::Error>(())
    /// ```
    pub fn classify_ref<'a>(&self, scratch: &mut Scratch, input: &Input<'a>) -> VerdictRef<'a> {
        let verdict = classify_in(self.set(), scratch.arena(), input);
        scratch.trim();
        verdict
    }

    /// [`crate::classify_json`] with these rules.
    pub fn classify_json(&self, text: &str) -> Result<String, Error> {
        classify_json_with(self.set(), text)
    }

    /// [`Classifier::classify_json`]'s verdict as a value: one input in the JSON form, read and
    /// checked exactly as there (the bindings' batch calls use it to hand back verdicts).
    ///
    /// ```
    /// let verdict = errtriage::Classifier::builtin().classify_form(r#"{"status": 503}"#)?;
    /// assert_eq!(verdict.action, errtriage::Action::Retry);
    /// # Ok::<(), errtriage::Error>(())
    /// ```
    pub fn classify_form(&self, text: &str) -> Result<Verdict, Error> {
        with_input(text, |input| self.classify(input))
    }

    /// Every rule in the order they are consulted: the user's, then the built-ins left on.
    pub fn rules(&self) -> impl Iterator<Item = &Rule> {
        self.set().rules()
    }

    /// The rule with this id.
    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.set().rule(id)
    }

    /// [`crate::log_fields`], the verdict's request id found by these rules.
    pub fn log_fields(&self, input: &Input<'_>) -> LogFields {
        fields_for(&self.classify(input), input)
    }

    /// [`crate::escalation_report`] with these rules.
    pub fn escalation_report(
        &self,
        input: &Input<'_>,
        history: &[AttemptRecord],
        reproduces: Option<bool>,
    ) -> EscalationReport {
        report_for(&self.classify(input), input, history, reproduces)
    }

    /// [`Classifier::log_fields`] of an input in the JSON form.
    pub fn log_fields_json(&self, text: &str) -> Result<LogFields, Error> {
        with_input(text, |input| self.log_fields(input))
    }

    /// [`Classifier::escalation_report`] of an input in the JSON form, with two more members:
    /// `history` (the earlier attempts: attempt records or verdicts, oldest first) and
    /// `reproduces` (`true`, `false` or `null`).
    pub fn escalation_report_json(&self, text: &str) -> Result<EscalationReport, Error> {
        with_input_and(text, &["history", "reproduces"], |input, fields| {
            let history = history::records(present(fields, "history"), self.set())?;
            let reproduces = match present(fields, "reproduces") {
                None => None,
                Some(Json::Bool(b)) => Some(*b),
                Some(other) => {
                    return Err(Error::wrong_type(
                        "reproduces",
                        "true, false or null",
                        other.kind(),
                    ))
                }
            };
            Ok(self.escalation_report(input, &history, reproduces))
        })
    }

    /// Every rule as one rules document (`errtriage rules --json`).
    pub fn rules_json(&self) -> String {
        print::document(self.rules())
    }
}
