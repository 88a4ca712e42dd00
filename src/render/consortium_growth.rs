//! Consortium growth: members per year of the consortia that grew most (from their first
//! active year to the last year of the panel), in their programme's colour, each labelled
//! with its id and its growth.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::style::{program_color, program_slot, Style, FONT, GRID};
use super::{Chart, Labels};
use crate::metrics::evolution::Evolution;
use crate::metrics::Results;

/// One consortium's line: label, colour, (year, members) from its first active year.
type Line = (String, RGBColor, Vec<(i32, f64)>);

/// Lines of members per year.
pub struct ConsortiumGrowth {
    years: Vec<i32>,
    lines: Vec<Line>,
}

impl ConsortiumGrowth {
    /// The consortia of [`Evolution::growth`].
    pub fn new(e: &Evolution, r: &Results, labels: Labels) -> Self {
        let known: Vec<&str> = r.programs.iter().map(|p| p.program.as_str()).collect();
        ConsortiumGrowth {
            years: e.years.clone(),
            lines: e
                .growth
                .iter()
                .map(|g| {
                    let points: Vec<(i32, f64)> = (g.first..e.years.len())
                        .map(|yi| (e.years[yi], g.members[yi] as f64))
                        .collect();
                    let label = format!(
                        "{} ({}): {} → {}",
                        labels.text(&g.id, &g.id),
                        labels.text(&g.program, &g.program),
                        g.members[g.first],
                        g.members[e.years.len() - 1]
                    );
                    let color = program_color(program_slot(&g.program, &known, &e.programs));
                    (label, color, points)
                })
                .collect(),
        }
    }
}

impl Chart for ConsortiumGrowth {
    fn name(&self) -> &'static str {
        "consortium_growth"
    }

    fn caption(&self) -> String {
        "The consortia that grew most: members whose membership counts at the end of each year, \
         from the consortium's first active year to the last year of the data (members at the \
         first → the last year in the label), in the programme's colour."
            .to_string()
    }

    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        st: &Style,
    ) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
        root.fill(&WHITE)?;
        let (lo, hi) = match (self.years.first(), self.years.last()) {
            (Some(&a), Some(&b)) => (a, b.max(a + 1)),
            _ => (0, 1),
        };
        let max = self
            .lines
            .iter()
            .flat_map(|l| l.2.iter().map(|p| p.1))
            .fold(1.0f64, f64::max)
            * 1.15;
        let mut chart = ChartBuilder::on(root)
            .caption("联合体成长 Consortia that grew most", (FONT, st.title()))
            .margin(st.u(24))
            .x_label_area_size(st.u(70))
            .y_label_area_size(st.u(100))
            .build_cartesian_2d(lo..hi, 0f64..max)?;
        chart
            .configure_mesh()
            .bold_line_style(GRID)
            .light_line_style(WHITE)
            .x_labels(((hi - lo + 1) as usize).min(12))
            .x_label_formatter(&|y| y.to_string())
            .y_label_formatter(&|v| {
                if (v - v.round()).abs() < 1e-9 {
                    format!("{v:.0}")
                } else {
                    String::new()
                }
            })
            .x_desc("year (members at its end)")
            .y_desc("members")
            .label_style((FONT, st.tick()))
            .axis_desc_style((FONT, st.label()))
            .draw()?;
        for (label, color, points) in &self.lines {
            let color = *color;
            chart
                .draw_series(LineSeries::new(points.clone(), color.stroke_width(st.u(4))))?
                .label(label.clone())
                .legend(move |(x, y)| {
                    Rectangle::new([(x, y - 6), (x + 24, y + 6)], color.filled())
                });
            chart.draw_series(
                points
                    .iter()
                    .map(|&p| Circle::new(p, st.u(6), color.filled())),
            )?;
            // The member count at each change, next to its dot.
            let mut last = None;
            for &(x, y) in points {
                if last != Some(y) {
                    chart.draw_series(std::iter::once(Text::new(
                        format!("{y}"),
                        (x, y),
                        TextStyle::from((FONT, st.tick()).into_font())
                            .pos(Pos::new(HPos::Left, VPos::Bottom)),
                    )))?;
                }
                last = Some(y);
            }
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
