//! Programme-rule compliance: per (programme, rule), how many consortia or projects pass,
//! fail, or cannot be judged, as stacked horizontal bars.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::style::{Style, FONT, PALETTE};
use super::{bars, Chart};
use crate::metrics::compliance::Finding;
use crate::rules::RuleSet;

/// Pass / fail / undetermined counts per rule.
pub struct ComplianceChart {
    /// (label, passed, failed, undetermined), in rule-set then rule order.
    rows: Vec<(String, u32, u32, u32)>,
}

impl ComplianceChart {
    /// Count the findings of every rule.
    pub fn new(rules: &[RuleSet], findings: &[Finding]) -> Self {
        let mut rows = Vec::new();
        for (si, set) in rules.iter().enumerate() {
            for (ri, rule) in set.rules.iter().enumerate() {
                let mut c = (0u32, 0u32, 0u32);
                for f in findings.iter().filter(|f| f.set == si && f.rule == ri) {
                    match f.pass {
                        Some(true) => c.0 += 1,
                        Some(false) => c.1 += 1,
                        None => c.2 += 1,
                    }
                }
                rows.push((format!("{} · {}", set.program, rule.id), c.0, c.1, c.2));
            }
        }
        ComplianceChart { rows }
    }
}

impl Chart for ComplianceChart {
    fn name(&self) -> &'static str {
        "compliance"
    }

    fn caption(&self) -> String {
        "Programme rules: for each rule, the consortia and projects of its programme that pass \
         (blue), fail (orange) or cannot be judged from the data (grey), as counts. Rules and \
         thresholds are in the rules file (tables/compliance.csv has every check)."
            .to_string()
    }

    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        st: &Style,
    ) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
        let max = self
            .rows
            .iter()
            .map(|r| r.1 + r.2 + r.3)
            .max()
            .unwrap_or(0)
            .max(1) as f64
            * 1.1;
        let labels: Vec<String> = self.rows.iter().map(|r| r.0.clone()).collect();
        let mut chart = bars::horizontal(
            root,
            st,
            "规则符合性 Programme-rule compliance",
            "consortia / projects checked",
            &labels,
            max,
            420,
        )?;
        let k = self.rows.len().max(1);
        let grey = RGBColor(170, 170, 170);
        for (part, color) in [(0usize, PALETTE[0]), (1, PALETTE[5]), (2, grey)] {
            chart.draw_series((0..self.rows.len()).map(|i| {
                let r = &self.rows[k - 1 - i];
                let counts = [r.1 as f64, r.2 as f64, r.3 as f64];
                let from: f64 = counts[..part].iter().sum();
                bars::bar(i, from, from + counts[part], color, st)
            }))?;
        }
        chart.draw_series((0..self.rows.len()).map(|i| {
            let r = &self.rows[k - 1 - i];
            let total = (r.1 + r.2 + r.3) as f64;
            Text::new(
                format!("{}/{} pass", r.1, r.1 + r.2 + r.3),
                (total + max * 0.01, SegmentValue::CenterOf(i)),
                TextStyle::from((FONT, st.tick()).into_font())
                    .pos(Pos::new(HPos::Left, VPos::Center)),
            )
        }))?;
        Ok(())
    }
}
