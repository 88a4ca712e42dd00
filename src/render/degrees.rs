//! Degree distribution of the organisation projection on log–log axes.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::style::{Style, FONT, GRID, PALETTE};
use super::Chart;
use crate::metrics::Results;

/// Number of organisations with each degree k ≥ 1.
pub struct DegreeDistribution {
    /// (degree, organisations), ascending degree.
    points: Vec<(u32, u64)>,
    /// Organisations without ties (not drawn on a log axis; stated in the caption).
    isolates: u64,
}

impl DegreeDistribution {
    /// Count degrees.
    pub fn new(r: &Results) -> Self {
        let mut counts = std::collections::BTreeMap::new();
        for &d in &r.centrality.degree {
            *counts.entry(d).or_insert(0u64) += 1;
        }
        let isolates = counts.remove(&0).unwrap_or(0);
        DegreeDistribution {
            points: counts.into_iter().collect(),
            isolates,
        }
    }
}

impl Chart for DegreeDistribution {
    fn name(&self) -> &'static str {
        "degree_distribution"
    }

    fn caption(&self) -> String {
        format!(
            "Degree distribution of the organisation projection (degree = distinct partners), \
             log–log axes, counts not normalised; {} organisations without ties are not drawn.",
            self.isolates
        )
    }

    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        st: &Style,
    ) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
        root.fill(&WHITE)?;
        let max_k = self.points.last().map(|p| p.0).unwrap_or(1).max(2) as f64 * 1.5;
        let max_c = self.points.iter().map(|p| p.1).max().unwrap_or(1).max(2) as f64 * 1.5;
        let mut chart = ChartBuilder::on(root)
            .caption("度分布 Degree distribution", (FONT, st.title()))
            .margin(st.u(24))
            .x_label_area_size(st.u(80))
            .y_label_area_size(st.u(110))
            .build_cartesian_2d((1f64..max_k).log_scale(), (1f64..max_c).log_scale())?;
        chart
            .configure_mesh()
            .bold_line_style(GRID)
            .light_line_style(WHITE)
            .x_label_formatter(&|v| format!("{v:.0}"))
            .y_label_formatter(&|v| format!("{v:.0}"))
            .x_desc("degree k (distinct partners)")
            .y_desc("organisations")
            .label_style((FONT, st.tick()))
            .axis_desc_style((FONT, st.label()))
            .draw()?;
        chart.draw_series(
            self.points
                .iter()
                .map(|&(k, c)| Circle::new((k as f64, c as f64), st.u(7), PALETTE[0].filled())),
        )?;
        Ok(())
    }
}
