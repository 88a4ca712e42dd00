//! The E-I index by region, and the test of the whole network's: on the left, each
//! region's E-I index as a bar from 0 (−1: every tie inside the region, +1: every tie
//! leaving it); on the right, the histogram of the whole network's E-I index over the label
//! permutations, with the observed value and the permutations' mean marked.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::style::{Style, FONT, GRID, PALETTE};
use super::{bars, Chart, Labels};
use crate::metrics::ei::EiIndex;
use crate::output::float;

/// Regions shown at most (those with the most ties).
pub const MAX_REGIONS: usize = 20;
/// Histogram bins over the range of the relabellings and the observed value.
pub const BINS: usize = 40;

/// Per-region E-I and the whole network's test.
pub struct EiChart {
    /// (region label, EI), by ties, most first.
    regions: Vec<(String, f64)>,
    left_out: usize,
    /// Observed whole-network EI; permutation values; their mean.
    observed: Option<f64>,
    permuted: Vec<f64>,
    expected: Option<f64>,
    p: (Option<f64>, Option<f64>),
}

impl EiChart {
    /// The region grouping's rows and distribution.
    pub fn new(ei: &EiIndex, labels: Labels) -> Self {
        let rows: Vec<_> = ei.rows.iter().filter(|e| e.grouping == "region").collect();
        let whole = rows.iter().find(|e| e.group == "*");
        let mut groups: Vec<_> = rows
            .iter()
            .filter(|e| e.group != "*" && e.ei.is_some())
            .collect();
        let with = groups.len();
        groups.sort_by(|a, b| {
            (b.internal_ties + b.external_ties)
                .cmp(&(a.internal_ties + a.external_ties))
                .then(a.group.cmp(&b.group))
        });
        groups.truncate(MAX_REGIONS);
        EiChart {
            regions: groups
                .iter()
                .enumerate()
                .map(|(j, e)| {
                    (
                        labels.text(&e.group, &format!("region {}", j + 1)),
                        e.ei.unwrap_or(0.0),
                    )
                })
                .collect(),
            left_out: with - groups.len(),
            observed: whole.and_then(|e| e.ei),
            permuted: ei
                .permuted
                .iter()
                .find(|p| p.0 == "region")
                .map(|p| p.1.clone())
                .unwrap_or_default(),
            expected: whole.and_then(|e| e.expected_ei),
            p: (
                whole.and_then(|e| e.p_greater),
                whole.and_then(|e| e.p_less),
            ),
        }
    }
}

impl Chart for EiChart {
    fn name(&self) -> &'static str {
        "ei_index"
    }

    fn caption(&self) -> String {
        let mut s = "E-I index by region (Krackhardt & Stern): (ties leaving − ties inside) / all \
             ties of the region's organisations, from −1 (every tie inside the region) to +1 (every \
             tie to another region). Right: the whole network's E-I index by region (ties between \
             regions against ties within) for every random relabelling of the organisations with \
             region sizes kept (grey histogram), the observed value (vermillion line) and the mean \
             of the relabellings (dashed)."
            .to_string();
        if let (Some(o), Some(g), Some(l)) = (self.observed, self.p.0, self.p.1) {
            s.push_str(&format!(
                " Observed {}, {} relabellings, p(EI ≥ observed) = {}, p(EI ≤ observed) = {}.",
                float(o),
                self.permuted.len(),
                float(g),
                float(l)
            ));
        }
        if self.left_out > 0 {
            s.push_str(&format!(
                " Shown: the {} regions with most ties ({} more in tables/ei_index.csv).",
                self.regions.len(),
                self.left_out
            ));
        }
        s
    }

    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        st: &Style,
    ) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
        root.fill(&WHITE)?;
        let root = root.titled("E-I 指数 E-I index by region", (FONT, st.title()))?;
        let (w, _) = root.dim_in_pixel();
        let (left, right) = root.split_horizontally(w * 55 / 100);
        let labels: Vec<String> = self.regions.iter().map(|r| r.0.clone()).collect();
        let mut chart = bars::horizontal_range(
            &left,
            st,
            "",
            "E-I index: −1 inward … +1 outward",
            &labels,
            -1.0..1.0,
            200,
        )?;
        let k = self.regions.len().max(1);
        chart.draw_series((0..self.regions.len()).map(|i| {
            let v = self.regions[k - 1 - i].1;
            let color = if v < 0.0 { PALETTE[0] } else { PALETTE[1] };
            bars::bar(i, v.min(0.0), v.max(0.0), color, st)
        }))?;
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(0.0, SegmentValue::Exact(0)), (0.0, SegmentValue::Exact(k))],
            BLACK.stroke_width(st.u(2)),
        )))?;
        // The permutation distribution, over the range it and the observed value span.
        let (mut lo, mut hi) = self
            .permuted
            .iter()
            .chain(self.observed.iter())
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &x| {
                (a.min(x), b.max(x))
            });
        if lo > hi {
            (lo, hi) = (-1.0, 1.0);
        }
        let pad = ((hi - lo) * 0.1).max(0.02);
        let (lo, hi) = ((lo - pad).max(-1.0), (hi + pad).min(1.0));
        let width = (hi - lo) / BINS as f64;
        let mut hist = [0u64; BINS];
        for &x in &self.permuted {
            let b = (((x - lo) / width) as usize).min(BINS - 1);
            hist[b] += 1;
        }
        let top = (*hist.iter().max().unwrap_or(&0)).max(1) as f64 * 1.1;
        let mut chart = ChartBuilder::on(&right)
            .caption("整体检验 whole network vs relabellings", (FONT, st.label()))
            .margin(st.u(20))
            .x_label_area_size(st.u(70))
            .y_label_area_size(st.u(90))
            .build_cartesian_2d(lo..hi, 0f64..top)?;
        chart
            .configure_mesh()
            .bold_line_style(GRID)
            .light_line_style(WHITE)
            .x_desc("E-I index (whole network, by region)")
            .y_desc("relabellings")
            .y_label_formatter(&|v| format!("{v:.0}"))
            .label_style((FONT, st.tick()))
            .axis_desc_style((FONT, st.label()))
            .draw()?;
        chart.draw_series(
            hist.iter()
                .enumerate()
                .filter(|(_, &c)| c > 0)
                .map(|(b, &c)| {
                    let x = lo + b as f64 * width;
                    Rectangle::new(
                        [(x, 0.0), (x + width, c as f64)],
                        RGBColor(160, 160, 160).filled(),
                    )
                }),
        )?;
        if let Some(e) = self.expected {
            chart.draw_series(DashedLineSeries::new(
                vec![(e, 0.0), (e, top)],
                st.u(8),
                st.u(6),
                BLACK.stroke_width(st.u(2)),
            ))?;
        }
        if let Some(o) = self.observed {
            chart.draw_series(std::iter::once(PathElement::new(
                vec![(o, 0.0), (o, top)],
                PALETTE[5].stroke_width(st.u(4)),
            )))?;
        }
        Ok(())
    }
}
