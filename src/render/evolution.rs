//! Evolution small multiples: four figures of the yearly panel — organisations,
//! cross-region tie share, density, mean chain coverage — over the years, one line per
//! programme in its colour. The same chart draws `compare --by year`'s groups by calendar
//! year and at a common age.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::style::{program_color, program_slot, Style, FONT, GRID};
use super::{legend, Chart, Labels};
use crate::metrics::evolution::{Evolution, EvolutionRow};
use crate::metrics::year_comparison::YearRow;
use crate::metrics::Results;

/// The four panels: title, and whether the values are shares (axis 0 to 1).
const PANELS: [(&str, bool); 4] = [
    ("组织数 organisations", false),
    ("跨区域联系占比 cross-region tie share", true),
    ("密度 density", false),
    ("平均产业链覆盖率 mean chain coverage", true),
];

/// One line per group: label, colour, and (x, the four values) per point.
struct Series {
    label: String,
    color: RGBColor,
    points: Vec<(i32, [Option<f64>; 4])>,
}

/// The four values of a yearly row, in [`PANELS`] order.
fn values(r: &EvolutionRow) -> [Option<f64>; 4] {
    [
        Some(r.organizations as f64),
        r.cross_region_tie_share,
        r.density,
        r.mean_chain_coverage,
    ]
}

/// Small multiples of the yearly panel.
pub struct EvolutionPanels {
    name: &'static str,
    title: &'static str,
    x_desc: &'static str,
    caption: String,
    series: Vec<Series>,
}

impl EvolutionPanels {
    /// An analysis's panel: one line per programme (not `*`), by calendar year.
    pub fn new(e: &Evolution, r: &Results, labels: Labels) -> Self {
        let known: Vec<&str> = r.programs.iter().map(|p| p.program.as_str()).collect();
        EvolutionPanels {
            name: "evolution",
            title: "网络演化 Network by year",
            x_desc: "year (network at its end)",
            caption: "The network at the end of each year, by programme: organisations with a \
                      membership or project participation counting that year; cross-region ties / \
                      ties among them; density = ties / (k(k−1)/2); mean chain coverage of the \
                      programme's consortia active that year (by that year's members). A gap is \
                      a year where the value is undefined (no ties, fewer than two organisations, \
                      no consortium with a chain)."
                .to_string(),
            series: e
                .programs
                .iter()
                .map(|p| Series {
                    label: labels.text(p, p),
                    color: program_color(program_slot(p, &known, &e.programs)),
                    points: e.group(p).iter().map(|r| (r.year, values(r))).collect(),
                })
                .collect(),
        }
    }

    /// `compare --by year`'s groups by calendar year (`by_age` false) or at a common age
    /// (years since the programme's first consortium; groups without one left out).
    pub fn of_comparison(rows: &[YearRow], by_age: bool, labels: Labels) -> Self {
        let mut series: Vec<Series> = Vec::new();
        for r in rows {
            let x = if by_age { r.age } else { Some(r.row.year) };
            let Some(x) = x else { continue };
            if series
                .last()
                .is_none_or(|s| s.label != labels.text(&r.group, &r.group))
            {
                series.push(Series {
                    label: labels.text(&r.group, &r.group),
                    color: RGBColor(0, 0, 0),
                    points: Vec::new(),
                });
            }
            series
                .last_mut()
                .expect("pushed")
                .points
                .push((x, values(&r.row)));
        }
        for (i, s) in series.iter_mut().enumerate() {
            s.color = program_color(i);
        }
        let (name, title, x_desc, how) = if by_age {
            (
                "comparison_by_age",
                "按项目群年龄比较 Programmes at a common age",
                "years since the programme's first consortium",
                "at a common age: year 0 is each programme's first year with an active consortium",
            )
        } else {
            (
                "comparison_by_year",
                "按年份比较 Programmes by year",
                "year (network at its end)",
                "by calendar year",
            )
        };
        EvolutionPanels {
            name,
            title,
            x_desc,
            caption: format!(
                "Programmes side by side {how}: organisations, cross-region (province) tie share, \
                 density and mean chain coverage of each programme's network at the end of the year \
                 (the rows of comparison_by_year.csv)."
            ),
            series,
        }
    }
}

impl Chart for EvolutionPanels {
    fn name(&self) -> &'static str {
        self.name
    }

    fn caption(&self) -> String {
        self.caption.clone()
    }

    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        st: &Style,
    ) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
        root.fill(&WHITE)?;
        let root = super::titled(root, self.title, st)?;
        let entries: Vec<(String, RGBColor)> = self
            .series
            .iter()
            .map(|s| (s.label.clone(), s.color))
            .collect();
        let panels = legend::strip(&root, &entries, st)?;
        let xs = self
            .series
            .iter()
            .flat_map(|s| s.points.iter().map(|p| p.0));
        let (lo, hi) = xs.fold((i32::MAX, i32::MIN), |(a, b), x| (a.min(x), b.max(x)));
        let (lo, hi) = if lo > hi {
            (0, 1)
        } else {
            (lo, hi.max(lo + 1))
        };
        for (k, area) in panels.split_evenly((2, 2)).iter().enumerate() {
            let (title, is_share) = PANELS[k];
            let top = if is_share {
                1.05
            } else {
                self.series
                    .iter()
                    .flat_map(|s| s.points.iter().filter_map(|p| p.1[k]))
                    .fold(0.0f64, f64::max)
                    .max(1e-9)
                    * 1.12
            };
            let mut chart = ChartBuilder::on(area)
                .caption(title, (FONT, st.label()))
                .margin(st.u(12))
                .margin_right(st.u(36))
                .x_label_area_size(st.u(if k >= 2 { 56 } else { 36 }))
                .y_label_area_size(st.u(80))
                .build_cartesian_2d(lo..hi, 0f64..top)?;
            // Counts: whole numbers only (small counts would repeat a rounded tick).
            let y_label = |v: &f64| {
                if is_share || k == 2 {
                    format!("{v:.2}")
                } else if (v - v.round()).abs() < 1e-9 {
                    format!("{v:.0}")
                } else {
                    String::new()
                }
            };
            let mut mesh = chart.configure_mesh();
            mesh.bold_line_style(GRID)
                .light_line_style(WHITE)
                .x_labels(((hi - lo + 1) as usize).min(10))
                .x_label_formatter(&|x| x.to_string())
                .y_label_formatter(&y_label)
                .label_style((FONT, st.tick()))
                .axis_desc_style((FONT, st.tick()));
            if k >= 2 {
                mesh.x_desc(self.x_desc);
            }
            mesh.draw()?;
            for s in &self.series {
                // One line per run of defined values, a dot on every one.
                let mut run: Vec<(i32, f64)> = Vec::new();
                let mut runs = Vec::new();
                for &(x, v) in &s.points {
                    match v[k] {
                        Some(y) => run.push((x, y)),
                        None => runs.push(std::mem::take(&mut run)),
                    }
                }
                runs.push(run);
                for run in runs.into_iter().filter(|r| !r.is_empty()) {
                    chart
                        .draw_series(LineSeries::new(run.clone(), s.color.stroke_width(st.u(4))))?;
                    chart.draw_series(
                        run.into_iter()
                            .map(|p| Circle::new(p, st.u(5), s.color.filled())),
                    )?;
                }
            }
        }
        Ok(())
    }
}
