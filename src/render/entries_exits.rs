//! Entries and exits per year: consortium memberships that start (up) and end (down), and
//! project participations that start and end, stacked by programme in its colour.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::style::{program_color, program_slot, Style, FONT, GRID};
use super::{legend, Chart, Labels};
use crate::metrics::evolution::panel::Counts;
use crate::metrics::evolution::Evolution;
use crate::metrics::Results;

/// The two panels: title, and the (entries, exits) of a year's counts.
type Flow = fn(&Counts) -> (u64, u64);
const PANELS: [(&str, Flow); 2] = [
    (
        "联合体成员 consortium memberships: joining ↑ leaving ↓",
        |c| (c.new_memberships, c.ended_memberships),
    ),
    (
        "项目参与 project participations: starting ↑ ending ↓",
        |c| (c.new_participations, c.ended_participations),
    ),
];

/// Entries and exits per year and programme.
pub struct EntriesExits {
    years: Vec<i32>,
    /// (label, colour, counts per year).
    series: Vec<(String, RGBColor, Vec<Counts>)>,
}

impl EntriesExits {
    /// From the yearly panel; one stack segment per programme.
    pub fn new(e: &Evolution, r: &Results, labels: Labels) -> Self {
        let known: Vec<&str> = r.programs.iter().map(|p| p.program.as_str()).collect();
        EntriesExits {
            years: e.years.clone(),
            series: e
                .programs
                .iter()
                .map(|p| {
                    (
                        labels.text(p, p),
                        program_color(program_slot(p, &known, &e.programs)),
                        e.group(p).iter().map(|r| r.counts).collect(),
                    )
                })
                .collect(),
        }
    }
}

impl Chart for EntriesExits {
    fn name(&self) -> &'static str {
        "entries_exits"
    }

    fn caption(&self) -> String {
        "Entries and exits per year, stacked by programme: memberships that count at the end of \
         the year but not of the year before (joining, up) and the reverse (leaving, down); the \
         same for participations in joint projects (a project counts from its start year through \
         its end year). Counts, not normalised; the first year's entries include everything \
         dated that year."
            .to_string()
    }

    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        st: &Style,
    ) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
        root.fill(&WHITE)?;
        let root = super::titled(root, "进入与退出 Entries and exits", st)?;
        let entries: Vec<(String, RGBColor)> =
            self.series.iter().map(|s| (s.0.clone(), s.1)).collect();
        let panels = legend::strip(&root, &entries, st)?;
        let (lo, hi) = match (self.years.first(), self.years.last()) {
            (Some(&a), Some(&b)) => (a, b),
            _ => (0, 0),
        };
        for (area, (title, flow)) in panels.split_evenly((2, 1)).iter().zip(PANELS) {
            let total = |yi: usize, up: bool| -> u64 {
                self.series
                    .iter()
                    .map(|s| {
                        let (i, o) = flow(&s.2[yi]);
                        if up {
                            i
                        } else {
                            o
                        }
                    })
                    .sum()
            };
            let up = (0..self.years.len())
                .map(|y| total(y, true))
                .max()
                .unwrap_or(0);
            let down = (0..self.years.len())
                .map(|y| total(y, false))
                .max()
                .unwrap_or(0);
            let (top, bottom) = ((up.max(1) as f64) * 1.12, -(down as f64) * 1.12);
            let mut chart = ChartBuilder::on(area)
                .caption(title, (FONT, st.label()))
                .margin(st.u(12))
                .x_label_area_size(st.u(44))
                .y_label_area_size(st.u(80))
                .build_cartesian_2d((lo..hi).into_segmented(), bottom.min(-1.0)..top)?;
            chart
                .configure_mesh()
                .disable_x_mesh()
                .bold_line_style(GRID)
                .light_line_style(WHITE)
                .x_labels(self.years.len().max(1))
                .x_label_formatter(&|v| match v {
                    SegmentValue::CenterOf(y) => y.to_string(),
                    _ => String::new(),
                })
                .y_label_formatter(&|v| {
                    // Counts both ways from 0: whole numbers only, without a sign.
                    if (v - v.round()).abs() < 1e-9 {
                        format!("{}", v.abs().round())
                    } else {
                        String::new()
                    }
                })
                .label_style((FONT, st.tick()))
                .draw()?;
            for (yi, &year) in self.years.iter().enumerate() {
                let (mut above, mut below) = (0.0f64, 0.0f64);
                for (_, color, counts) in &self.series {
                    let (i, o) = flow(&counts[yi]);
                    for (from, to) in [(above, above + i as f64), (below, below - o as f64)] {
                        if from != to {
                            let mut bar = Rectangle::new(
                                [
                                    (SegmentValue::Exact(year), from),
                                    (SegmentValue::Exact(year + 1), to),
                                ],
                                color.filled(),
                            );
                            bar.set_margin(0, 0, st.u(14), st.u(14));
                            chart.draw_series(std::iter::once(bar))?;
                        }
                    }
                    above += i as f64;
                    below -= o as f64;
                }
            }
            chart.draw_series(LineSeries::new(
                [
                    (SegmentValue::Exact(lo), 0.0),
                    (SegmentValue::Exact(hi + 1), 0.0),
                ],
                BLACK.stroke_width(st.u(2)),
            ))?;
        }
        Ok(())
    }
}
