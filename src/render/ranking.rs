//! Centrality ranking: the top organisations by betweenness, as horizontal bars.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::style::{Style, FONT, GRID, PALETTE};
use super::{Chart, Labels};
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
        root.fill(&WHITE)?;
        let k = self.rows.len().max(1);
        let max = self
            .rows
            .iter()
            .map(|r| r.1)
            .fold(0.0f64, f64::max)
            .max(1e-9)
            * 1.08;
        // Highest on top: segment 0 is at the bottom, so rows are drawn in reverse.
        let label = |i: usize| {
            self.rows
                .get(k - 1 - i)
                .map(|r| r.0.clone())
                .unwrap_or_default()
        };
        let mut chart = ChartBuilder::on(root)
            .caption("中介中心性排名 Betweenness centrality", (FONT, st.title()))
            .margin(st.u(24))
            .x_label_area_size(st.u(70))
            .y_label_area_size(st.u(520))
            .build_cartesian_2d(0f64..max, (0..k - 1).into_segmented())?;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .bold_line_style(GRID)
            .light_line_style(WHITE)
            .y_labels(k)
            .y_label_formatter(&|v| match v {
                SegmentValue::CenterOf(i) => label(*i),
                _ => String::new(),
            })
            .x_desc("betweenness (normalised)")
            .label_style((FONT, st.tick()))
            .axis_desc_style((FONT, st.label()))
            .draw()?;
        // Explicit rectangles in a fixed order (plotters' Histogram accumulates in a
        // HashMap, so its element order — and the SVG bytes — would vary between runs).
        chart.draw_series((0..self.rows.len()).map(|i| {
            let v = self.rows[k - 1 - i].1;
            let mut bar = Rectangle::new(
                [
                    (0.0, SegmentValue::Exact(i)),
                    (v, SegmentValue::Exact(i + 1)),
                ],
                PALETTE[0].filled(),
            );
            bar.set_margin(st.u(6), st.u(6), 0, 0);
            bar
        }))?;
        Ok(())
    }
}
