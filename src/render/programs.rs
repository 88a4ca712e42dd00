//! Programme comparison: four indicators of program_comparison.csv side by side, one
//! colour per programme (the same in every figure), n (consortia) under each bar, and the
//! 95% bootstrap interval of the two means over consortia.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::style::{program_color, Style, FONT, GRID};
use super::{Chart, Labels};
use crate::config::Bootstrap;
use crate::dataset::Dataset;
use crate::metrics::groups::estimate;
use crate::metrics::Results;

/// Resamples and seed of the intervals drawn (as `consortia compare`'s defaults).
pub const BOOTSTRAP: Bootstrap = Bootstrap {
    resamples: 2000,
    seed: 1,
};

/// Small multiples of programme indicators.
pub struct ProgramComparison {
    /// "programme (n=consortia)".
    programs: Vec<String>,
    /// (indicator title, value per programme; `None` = undefined).
    panels: Vec<(&'static str, Vec<Option<f64>>)>,
    /// Per panel, per programme: the 95% interval, where the value is a mean over consortia.
    intervals: Vec<Vec<Option<(f64, f64)>>>,
}

impl ProgramComparison {
    /// Collect the indicators; bootstrap the means over each programme's consortia.
    pub fn new(ds: &Dataset, r: &Results, labels: Labels) -> Self {
        let p = &r.programs;
        let interval = |values: Vec<f64>, label: &str| {
            let e = estimate(&values, BOOTSTRAP, label);
            e.low.zip(e.high)
        };
        fn of_program<'a>(
            ds: &'a Dataset,
            r: &'a Results,
            program: &'a str,
        ) -> impl Iterator<Item = &'a crate::metrics::consortia::ConsortiumSummary> {
            r.consortia
                .iter()
                .filter(move |s| ds.consortia[s.consortium as usize].program == program)
        }
        let members: Vec<Option<(f64, f64)>> = p
            .iter()
            .map(|x| {
                let v = of_program(ds, r, &x.program)
                    .map(|s| s.members as f64)
                    .collect();
                interval(v, &format!("{}/members", x.program))
            })
            .collect();
        let coverage: Vec<Option<(f64, f64)>> = p
            .iter()
            .map(|x| {
                let v = of_program(ds, r, &x.program)
                    .filter_map(|s| s.coverage.chain)
                    .collect();
                interval(v, &format!("{}/coverage", x.program))
            })
            .collect();
        ProgramComparison {
            programs: p
                .iter()
                .map(|x| {
                    format!(
                        "{} (n={})",
                        labels.text(&x.program, &x.program),
                        x.consortia
                    )
                })
                .collect(),
            intervals: vec![vec![None; p.len()], coverage, vec![None; p.len()], members],
            panels: vec![
                (
                    "跨区域联系占比 cross-region tie share",
                    p.iter().map(|x| x.cross_region_tie_share).collect(),
                ),
                (
                    "平均产业链覆盖率 mean chain coverage",
                    p.iter().map(|x| x.mean_chain_coverage).collect(),
                ),
                ("网络密度 density", p.iter().map(|x| x.density).collect()),
                (
                    "平均成员数 mean members",
                    p.iter().map(|x| x.mean_members).collect(),
                ),
            ],
        }
    }
}

impl Chart for ProgramComparison {
    fn name(&self) -> &'static str {
        "program_comparison"
    }

    fn caption(&self) -> String {
        format!(
            "Programmes side by side (n = consortia): cross-region tie share (cross-region ties / ties \
             among the programme's organisations), mean chain coverage of its consortia with a chain, \
             density of the subgraph induced by its organisations, and mean members per consortium. \
             Whiskers: 95% percentile-bootstrap intervals of the two means over consortia ({} \
             resamples, seed {}); wide whiskers mean a difference may be noise. A missing bar means \
             the indicator is undefined (no ties, no chain, no consortium).",
            BOOTSTRAP.resamples, BOOTSTRAP.seed
        )
    }

    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        st: &Style,
    ) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
        root.fill(&WHITE)?;
        let root = super::titled(root, "项目群比较 Programme comparison", st)?;
        let k = self.programs.len().max(1);
        for ((area, (title, values)), intervals) in root
            .split_evenly((2, 2))
            .iter()
            .zip(&self.panels)
            .zip(&self.intervals)
        {
            let max = values
                .iter()
                .flatten()
                .chain(intervals.iter().flatten().map(|iv| &iv.1))
                .fold(0.0f64, |a, &b| a.max(b))
                .max(1e-9)
                * 1.15;
            let mut chart = ChartBuilder::on(area)
                .caption(*title, (FONT, st.label()))
                .margin(st.u(16))
                .x_label_area_size(st.u(50))
                .y_label_area_size(st.u(90))
                .build_cartesian_2d((0..k - 1).into_segmented(), 0f64..max)?;
            chart
                .configure_mesh()
                .disable_x_mesh()
                .bold_line_style(GRID)
                .light_line_style(WHITE)
                .x_labels(k)
                .x_label_formatter(&|v| match v {
                    SegmentValue::CenterOf(i) => self.programs.get(*i).cloned().unwrap_or_default(),
                    _ => String::new(),
                })
                .label_style((FONT, st.tick()))
                .draw()?;
            chart.draw_series(values.iter().enumerate().filter_map(|(i, v)| {
                v.map(|v| {
                    Rectangle::new(
                        [
                            (SegmentValue::Exact(i), 0.0),
                            (SegmentValue::Exact(i + 1), v),
                        ],
                        program_color(i).filled(),
                    )
                })
            }))?;
            chart.draw_series(values.iter().zip(intervals).enumerate().filter_map(
                |(i, (v, iv))| {
                    iv.map(|(lo, hi)| {
                        ErrorBar::new_vertical(
                            SegmentValue::CenterOf(i),
                            lo,
                            v.unwrap_or(lo),
                            hi,
                            BLACK.stroke_width(st.u(3)),
                            st.u(14),
                        )
                    })
                },
            ))?;
        }
        Ok(())
    }
}
