//! Centrality ranking: the top organisations by betweenness, as horizontal bars.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::style::{Style, PALETTE};
use super::{bars, Chart, Labels};
use crate::dataset::Dataset;
use crate::metrics::Results;

/// How many organisations the ranking shows.
pub const TOP: usize = 15;

/// Top organisations by normalised betweenness (ties by org_id).
pub struct CentralityRanking {
    /// (label, betweenness), highest first.
    rows: Vec<(String, f64)>,
}

impl CentralityRanking {
    /// Pick the top [`TOP`].
    pub fn new(ds: &Dataset, r: &Results, labels: Labels) -> Self {
        let bc = &r.centrality.paths.betweenness;
        let mut order: Vec<usize> = (0..bc.len()).collect();
        order.sort_by(|&a, &b| bc[b].total_cmp(&bc[a]).then(a.cmp(&b)));
        CentralityRanking {
            rows: order
                .into_iter()
                .take(TOP)
                .map(|i| (labels.org(ds, i), bc[i]))
                .collect(),
        }
    }
}

impl Chart for CentralityRanking {
    fn name(&self) -> &'static str {
        "centrality_ranking"
    }

    fn caption(&self) -> String {
        format!(
            "The {} organisations of highest betweenness centrality on the organisation projection \
             (shortest paths through each organisation, normalised by 2/((n-1)(n-2)), so 1 would mean \
             it lies on every shortest path between all other pairs).",
            self.rows.len()
        )
    }

    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        st: &Style,
    ) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
        let max = self
            .rows
            .iter()
            .map(|r| r.1)
            .fold(0.0f64, f64::max)
            .max(1e-9)
            * 1.08;
        let labels: Vec<String> = self.rows.iter().map(|r| r.0.clone()).collect();
        let mut chart = bars::horizontal(
            root,
            st,
            "中介中心性排名 Betweenness centrality",
            "betweenness (normalised)",
            &labels,
            max,
            520,
        )?;
        // Highest on top: slot 0 is at the bottom.
        let k = self.rows.len();
        chart.draw_series(
            (0..k).map(|i| bars::bar(i, 0.0, self.rows[k - 1 - i].1, PALETTE[0], st)),
        )?;
        Ok(())
    }
}
