//! Comparison figures: indicators per group with their bootstrap intervals, and the member
//! mix (triple-helix composition) per group. Group i has colour `program_color(i)` in
//! every figure.

use super::style::{program_color, Style, FONT, GRID, PALETTE};
use super::{legend, Chart, Labels};
use crate::metrics::comparison::ComparisonRow;
use crate::metrics::groups::Estimate;
use plotters::coord::Shift;
use plotters::prelude::*;

/// Six indicators, one panel each; means drawn as bars with 95% interval whiskers.
pub struct IndicatorPanels {
    groups: Vec<String>,
    /// Consortia per group, written under each bar.
    n: Vec<u64>,
    panels: Vec<(&'static str, Vec<Estimate>)>,
}

fn point(v: Option<f64>) -> Estimate {
    Estimate {
        mean: v,
        ..Estimate::default()
    }
}

fn group_label(r: &ComparisonRow, labels: Labels) -> String {
    format!(
        "{} (n={})",
        labels.text(&r.group, &r.group),
        r.indicators.consortia
    )
}

impl IndicatorPanels {
    /// Collect the indicators.
    pub fn new(rows: &[ComparisonRow], labels: Labels) -> Self {
        let col = |f: &dyn Fn(&ComparisonRow) -> Estimate| rows.iter().map(f).collect();
        IndicatorPanels {
            groups: rows.iter().map(|r| group_label(r, labels)).collect(),
            n: rows.iter().map(|r| r.indicators.consortia).collect(),
            panels: vec![
                (
                    "平均成员数 mean members",
                    col(&|r| r.indicators.mean_members),
                ),
                (
                    "企业牵头占比 enterprise-led share",
                    col(&|r| r.indicators.enterprise_led_share),
                ),
                (
                    "外地成员占比 non-local member share",
                    col(&|r| r.indicators.non_local_share),
                ),
                (
                    "平均产业链覆盖率 mean chain coverage",
                    col(&|r| r.indicators.mean_chain_coverage),
                ),
                (
                    "跨省联系占比 cross-province tie share",
                    col(&|r| point(r.indicators.cross_region_tie_share_province)),
                ),
                (
                    "多联合体成员占比 multi-consortium share",
                    col(&|r| point(r.indicators.multi_consortium_share)),
                ),
            ],
        }
    }
}

impl Chart for IndicatorPanels {
    fn name(&self) -> &'static str {
        "comparison_indicators"
    }

    fn caption(&self) -> String {
        "Groups side by side (n = consortia in the group, under each bar). Bars are means over consortia with \
         95% percentile-bootstrap intervals (whiskers) for mean members, enterprise-led share, \
         non-local member share and chain coverage; cross-province tie share and multi-consortium \
         share are whole-group ratios (no interval). Wide whiskers mean the difference may be noise."
            .to_string()
    }

    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        st: &Style,
    ) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
        root.fill(&WHITE)?;
        let root = super::titled(root, "模式比较 Comparison", st)?;
        let k = self.groups.len().max(1);
        // A legend strip at the bottom: colour → group (n), as many columns as fit.
        let entries: Vec<(String, RGBColor)> = self
            .groups
            .iter()
            .enumerate()
            .map(|(i, g)| (g.clone(), program_color(i)))
            .collect();
        let panels = legend::strip(&root, &entries, st)?;
        for (area, (title, values)) in panels.split_evenly((2, 3)).iter().zip(&self.panels) {
            let max = values
                .iter()
                .flat_map(|e| [e.mean, e.high])
                .flatten()
                .fold(0.0f64, f64::max)
                .max(1e-9)
                * 1.12;
            let mut chart = ChartBuilder::on(area)
                .caption(*title, (FONT, st.label()))
                .margin(st.u(12))
                .x_label_area_size(st.u(34))
                .y_label_area_size(st.u(70))
                .build_cartesian_2d((0..k - 1).into_segmented(), 0f64..max)?;
            chart
                .configure_mesh()
                .disable_x_mesh()
                .bold_line_style(GRID)
                .light_line_style(WHITE)
                .x_labels(k)
                .x_label_formatter(&|v| match v {
                    SegmentValue::CenterOf(i) => {
                        self.n.get(*i).map(|n| format!("n={n}")).unwrap_or_default()
                    }
                    _ => String::new(),
                })
                .label_style((FONT, st.tick()))
                .draw()?;
            chart.draw_series(values.iter().enumerate().filter_map(|(i, e)| {
                e.mean.map(|v| {
                    let mut bar = Rectangle::new(
                        [
                            (SegmentValue::Exact(i), 0.0),
                            (SegmentValue::Exact(i + 1), v),
                        ],
                        program_color(i).mix(0.55).filled(),
                    );
                    bar.set_margin(0, 0, st.u(8), st.u(8));
                    bar
                })
            }))?;
            chart.draw_series(values.iter().enumerate().filter_map(|(i, e)| {
                match (e.low, e.high) {
                    (Some(lo), Some(hi)) => Some(ErrorBar::new_vertical(
                        SegmentValue::CenterOf(i),
                        lo,
                        e.mean.unwrap_or(lo),
                        hi,
                        BLACK.stroke_width(st.u(3)),
                        st.u(14),
                    )),
                    _ => None,
                }
            }))?;
        }
        Ok(())
    }
}

/// Member mix per group: stacked shares of memberships by type.
pub struct MemberMix {
    groups: Vec<String>,
    /// Per group: enterprise, university, institute, other shares.
    mix: Vec<[f64; 4]>,
}

impl MemberMix {
    /// Collect the shares.
    pub fn new(rows: &[ComparisonRow], labels: Labels) -> Self {
        MemberMix {
            groups: rows.iter().map(|r| group_label(r, labels)).collect(),
            mix: rows
                .iter()
                .map(|r| r.indicators.member_mix.map(|s| s.unwrap_or(0.0)))
                .collect(),
        }
    }
}

/// Legend names of the member-mix parts.
const PARTS: [&str; 4] = [
    "企业 enterprise",
    "高校 university",
    "科研院所 institute",
    "其他 other",
];

impl Chart for MemberMix {
    fn name(&self) -> &'static str {
        "comparison_member_mix"
    }

    fn caption(&self) -> String {
        "Member mix (the triple-helix composition) per group: shares of the group's memberships \
         held by enterprises, universities, institutes and others (platforms, government, \
         hospitals). Each bar sums to 1; n = consortia."
            .to_string()
    }

    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        st: &Style,
    ) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
        root.fill(&WHITE)?;
        let k = self.groups.len().max(1);
        let label = |i: usize| self.groups.get(k - 1 - i).cloned().unwrap_or_default();
        let mut chart = ChartBuilder::on(root)
            .caption("成员结构 Member mix", (FONT, st.title()))
            .margin(st.u(24))
            .x_label_area_size(st.u(70))
            .y_label_area_size(st.u(360))
            .build_cartesian_2d(0f64..1.32, (0..k - 1).into_segmented())?;
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
            .x_label_formatter(&|v| {
                if *v <= 1.0 + 1e-9 {
                    format!("{v:.1}")
                } else {
                    String::new()
                }
            })
            .x_desc("share of memberships")
            .label_style((FONT, st.tick()))
            .axis_desc_style((FONT, st.label()))
            .draw()?;
        let colors = [PALETTE[0], PALETTE[1], PALETTE[2], RGBColor(170, 170, 170)];
        for (part, name) in PARTS.iter().enumerate() {
            let color = colors[part];
            chart
                .draw_series((0..self.mix.len()).map(|i| {
                    let m = &self.mix[k - 1 - i];
                    let from: f64 = m[..part].iter().sum();
                    let mut bar = Rectangle::new(
                        [
                            (from, SegmentValue::Exact(i)),
                            (from + m[part], SegmentValue::Exact(i + 1)),
                        ],
                        color.filled(),
                    );
                    bar.set_margin(st.u(6), st.u(6), 0, 0);
                    bar
                }))?
                .label(*name)
                .legend(move |(x, y)| {
                    Rectangle::new([(x, y - 8), (x + 16, y + 8)], color.filled())
                });
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperRight)
            .background_style(WHITE.mix(0.9))
            .border_style(GRID)
            .label_font((FONT, st.tick()))
            .draw()?;
        Ok(())
    }
}
