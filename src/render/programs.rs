//! Programme comparison: four indicators of program_comparison.csv side by side, one
//! colour per programme (the same in every figure).

use plotters::coord::Shift;
use plotters::prelude::*;

use super::style::{program_color, Style, FONT, GRID};
use super::{Chart, Labels};
use crate::metrics::Results;

/// Small multiples of programme indicators.
pub struct ProgramComparison {
    programs: Vec<String>,
    /// (indicator title, value per programme; `None` = undefined).
    panels: Vec<(&'static str, Vec<Option<f64>>)>,
}

impl ProgramComparison {
    /// Collect the indicators.
    pub fn new(r: &Results, labels: Labels) -> Self {
        let p = &r.programs;
        ProgramComparison {
            programs: p
                .iter()
                .map(|x| labels.text(&x.program, &x.program))
                .collect(),
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
        "Programmes side by side: cross-region tie share (cross-region ties / ties among the \
         programme's organisations), mean chain coverage of its consortia with a chain, density of \
         the subgraph induced by its organisations, and mean members per consortium. A missing bar \
         means the indicator is undefined (no ties, no chain, no consortium)."
            .to_string()
    }

    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        st: &Style,
    ) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
        root.fill(&WHITE)?;
        let root = super::titled(root, "项目群比较 Programme comparison", st)?;
        let k = self.programs.len().max(1);
        for (area, (title, values)) in root.split_evenly((2, 2)).iter().zip(&self.panels) {
            let max = values
                .iter()
                .flatten()
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
        }
        Ok(())
    }
}
