//! Cross-region heat map: region × region tie counts, regions ordered by their total
//! ties (most connected first), at most [`MAX_REGIONS`] of them.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::style::{sequential, Style, FONT};
use super::{Chart, Labels};
use crate::metrics::Results;

/// Regions shown; the rest are left out and the caption says so.
pub const MAX_REGIONS: usize = 20;

/// Symmetric matrix of ties between regions.
pub struct RegionHeatmap {
    labels: Vec<String>,
    /// ties[i][j], symmetric.
    ties: Vec<Vec<u64>>,
    left_out: usize,
}

impl RegionHeatmap {
    /// Build the matrix from region_ties.
    pub fn new(r: &Results, labels: Labels) -> Self {
        let n = r.regions.labels.len();
        let index = |s: &str| {
            r.regions
                .labels
                .binary_search_by(|l| l.as_str().cmp(s))
                .ok()
        };
        let mut full = vec![vec![0u64; n]; n];
        let mut total = vec![0u64; n];
        for t in &r.region_ties {
            if let (Some(a), Some(b)) = (index(&t.region_a), index(&t.region_b)) {
                full[a][b] += t.ties;
                if a != b {
                    full[b][a] += t.ties;
                }
                total[a] += t.ties;
                total[b] += t.ties;
            }
        }
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by(|&a, &b| total[b].cmp(&total[a]).then(a.cmp(&b)));
        order.truncate(MAX_REGIONS);
        RegionHeatmap {
            labels: order
                .iter()
                .enumerate()
                .map(|(k, &i)| labels.text(&r.regions.labels[i], &format!("R{}", k + 1)))
                .collect(),
            ties: order
                .iter()
                .map(|&i| order.iter().map(|&j| full[i][j]).collect())
                .collect(),
            left_out: n - order.len(),
        }
    }
}

impl Chart for RegionHeatmap {
    fn name(&self) -> &'static str {
        "region_heatmap"
    }

    fn caption(&self) -> String {
        format!(
            "Ties of the organisation projection between and within regions (diagonal = ties inside \
             a region); colour on a logarithmic scale, log(1 + ties) / log(1 + largest cell), shown in the scale \
             on the right; regions \
             ordered by their total ties{}.",
            if self.left_out > 0 { format!(", {} less connected regions left out", self.left_out) } else { String::new() }
        )
    }

    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        st: &Style,
    ) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
        root.fill(&WHITE)?;
        let k = self.labels.len().max(1);
        let max = self
            .ties
            .iter()
            .flatten()
            .copied()
            .max()
            .unwrap_or(0)
            .max(1) as f64;
        let label = |v: &SegmentValue<usize>| match v {
            SegmentValue::CenterOf(i) => self.labels.get(*i).cloned().unwrap_or_default(),
            _ => String::new(),
        };
        let (w, _) = root.dim_in_pixel();
        let (main, side) = root.split_horizontally(w.saturating_sub(st.u(220)));
        let (_, sh) = side.dim_in_pixel();
        super::scale::vertical(
            &side,
            st,
            (st.i(20), st.i(140), st.i(36), sh as i32 - st.i(300)),
            "ties 联系数",
            sequential,
            &super::scale::log_ticks(max as u64),
        )?;
        let mut chart = ChartBuilder::on(&main)
            .caption("跨区域合作联系 Ties between regions", (FONT, st.title()))
            .margin(st.u(24))
            .x_label_area_size(st.u(80))
            .y_label_area_size(st.u(160))
            .build_cartesian_2d((0..k - 1).into_segmented(), (0..k - 1).into_segmented())?;
        chart
            .configure_mesh()
            .disable_mesh()
            .x_labels(k)
            .y_labels(k)
            .x_label_formatter(&label)
            .y_label_formatter(&label)
            .label_style((FONT, st.tick()))
            .axis_desc_style((FONT, st.label()))
            .draw()?;
        chart.draw_series(self.ties.iter().enumerate().flat_map(|(i, row)| {
            row.iter().enumerate().map(move |(j, &t)| {
                let shade = (1.0 + t as f64).ln() / (1.0 + max).ln();
                Rectangle::new(
                    [
                        (SegmentValue::Exact(i), SegmentValue::Exact(j)),
                        (SegmentValue::Exact(i + 1), SegmentValue::Exact(j + 1)),
                    ],
                    sequential(shade).filled(),
                )
            })
        }))?;
        Ok(())
    }
}
