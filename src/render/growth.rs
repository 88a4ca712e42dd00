//! Growth over time: members joining per year, by programme (from `joined`, else the
//! consortium's `founded`), one line per programme in its own colour.

use std::collections::BTreeMap;

use plotters::coord::Shift;
use plotters::prelude::*;

use super::style::{program_color, Style, FONT, GRID};
use super::{Chart, Labels};
use crate::dataset::Dataset;
use crate::metrics::Results;

/// Memberships joining per year and programme.
pub struct Growth {
    /// (programme label, colour index, year → memberships joining).
    series: Vec<(String, usize, BTreeMap<i32, u64>)>,
    undated: u64,
}

impl Growth {
    /// Count joins.
    pub fn new(ds: &Dataset, r: &Results, labels: Labels) -> Self {
        let index: BTreeMap<&str, usize> = r
            .programs
            .iter()
            .enumerate()
            .map(|(i, p)| (p.program.as_str(), i))
            .collect();
        let mut counts: BTreeMap<usize, BTreeMap<i32, u64>> = BTreeMap::new();
        let mut undated = 0;
        for m in &ds.memberships {
            let c = &ds.consortia[m.consortium as usize];
            match m.joined.or(c.founded) {
                Some(d) => {
                    *counts
                        .entry(index[c.program.as_str()])
                        .or_default()
                        .entry(d.year)
                        .or_default() += 1
                }
                None => undated += 1,
            }
        }
        Growth {
            series: counts
                .into_iter()
                .map(|(i, years)| {
                    (
                        labels.text(&r.programs[i].program, &r.programs[i].program),
                        i,
                        years,
                    )
                })
                .collect(),
            undated,
        }
    }
}

impl Chart for Growth {
    fn name(&self) -> &'static str {
        "membership_growth"
    }

    fn caption(&self) -> String {
        format!(
            "Members joining per year by programme: memberships counted in the year of `joined`, or of \
             the consortium's `founded` when `joined` is empty (counts, not normalised){}.",
            if self.undated > 0 { format!("; {} memberships without any date are not drawn", self.undated) } else { String::new() }
        )
    }

    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        st: &Style,
    ) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
        root.fill(&WHITE)?;
        let years = self.series.iter().flat_map(|s| s.2.keys().copied());
        let (lo, hi) = years.fold((i32::MAX, i32::MIN), |(a, b), y| (a.min(y), b.max(y)));
        let (lo, hi) = if lo > hi {
            (2020, 2025)
        } else {
            (lo, hi.max(lo + 1))
        };
        let max = self
            .series
            .iter()
            .flat_map(|s| s.2.values().copied())
            .max()
            .unwrap_or(1) as f64
            * 1.15;
        let mut chart = ChartBuilder::on(root)
            .caption("成员增长 Members joining per year", (FONT, st.title()))
            .margin(st.u(24))
            .x_label_area_size(st.u(70))
            .y_label_area_size(st.u(100))
            .build_cartesian_2d(lo..hi, 0f64..max.max(1.0))?;
        chart
            .configure_mesh()
            .bold_line_style(GRID)
            .light_line_style(WHITE)
            .x_labels(((hi - lo + 1) as usize).min(12))
            .x_label_formatter(&|y| y.to_string())
            .y_desc("memberships joining")
            .label_style((FONT, st.tick()))
            .axis_desc_style((FONT, st.label()))
            .draw()?;
        for (label, i, years) in &self.series {
            let color = program_color(*i);
            let points: Vec<(i32, f64)> = (lo..=hi)
                .map(|y| (y, *years.get(&y).unwrap_or(&0) as f64))
                .collect();
            chart
                .draw_series(LineSeries::new(points.clone(), color.stroke_width(st.u(4))))?
                .label(label.clone())
                .legend(move |(x, y)| {
                    Rectangle::new([(x, y - 6), (x + 24, y + 6)], color.filled())
                });
            chart.draw_series(
                points
                    .into_iter()
                    .map(|p| Circle::new(p, st.u(6), color.filled())),
            )?;
        }
        chart
            .configure_series_labels()
            .label_font((FONT, st.tick()))
            .background_style(WHITE.mix(0.9))
            .border_style(GRID)
            .position(SeriesLabelPosition::UpperLeft)
            .draw()?;
        Ok(())
    }
}
