//! Industry-chain coverage matrix: consortium × segment, segments grouped by chain and
//! stage (upstream → downstream); covered cells shaded by the members covering them, gaps
//! of the consortium's own chain in light vermillion, critical (卡脖子) gaps in full
//! vermillion, critical segments starred.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::style::{sequential, Style, FONT, PALETTE};
use super::{Chart, Labels};
use crate::dataset::Dataset;
use crate::metrics::Results;

/// Consortia shown at most (the largest ones).
pub const MAX_CONSORTIA: usize = 30;
/// Segments shown at most.
pub const MAX_SEGMENTS: usize = 48;

/// Cell of the matrix.
#[derive(Clone, Copy, PartialEq)]
enum Cell {
    /// Segment outside the consortium's chain.
    Outside,
    /// A gap: the consortium's chain, no member covers it (critical or not).
    Gap { critical: bool },
    /// Covered by this many members.
    Covered(u32),
}

/// The matrix.
pub struct CoverageMatrix {
    rows: Vec<String>,
    columns: Vec<String>,
    cells: Vec<Vec<Cell>>,
    left_out: (usize, usize),
}

impl CoverageMatrix {
    /// Build from chain_coverage rows.
    pub fn new(ds: &Dataset, r: &Results, labels: Labels) -> Self {
        // Consortia with a chain, largest first; then the segments of their chains.
        let mut cons: Vec<usize> = r
            .consortia
            .iter()
            .filter(|s| s.coverage.chain.is_some())
            .map(|s| s.consortium as usize)
            .collect();
        let total = cons.len();
        cons.sort_by(|&a, &b| {
            r.consortia[b]
                .members
                .cmp(&r.consortia[a].members)
                .then(a.cmp(&b))
        });
        cons.truncate(MAX_CONSORTIA);
        // Whole chains, the most used first, while their segments fit; consortia of the
        // chains left out are left out too (and counted in the caption).
        let mut per_chain: std::collections::BTreeMap<u32, usize> = Default::default();
        for &c in &cons {
            *per_chain
                .entry(ds.consortia[c].chain.expect("filtered"))
                .or_default() += 1;
        }
        let mut by_use: Vec<(u32, usize)> = per_chain.into_iter().collect();
        by_use.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut chains = Vec::new();
        let mut room = MAX_SEGMENTS;
        let mut all_segs = 0;
        for (ch, _) in by_use {
            let k = ds.chains[ch as usize].segments.len();
            all_segs += k;
            if k <= room {
                room -= k;
                chains.push(ch);
            }
        }
        cons.retain(|&c| ds.consortia[c].chain.is_some_and(|ch| chains.contains(&ch)));
        cons.sort_by_key(|&c| (ds.consortia[c].chain, c));
        let mut segs: Vec<u32> = chains
            .iter()
            .flat_map(|&ch| ds.chains[ch as usize].segments.iter().copied())
            .collect();
        segs.sort_by_key(|&s| {
            let seg = &ds.segments[s as usize];
            (seg.chain, seg.stage, s)
        });
        let mut covering = std::collections::HashMap::new();
        for row in &r.chain_coverage {
            covering.insert((row.consortium as usize, row.segment), row.members_covering);
        }
        let cells = cons
            .iter()
            .map(|&c| {
                segs.iter()
                    .map(|&s| match covering.get(&(c, s)) {
                        None => Cell::Outside,
                        Some(0) => Cell::Gap {
                            critical: ds.segments[s as usize].critical,
                        },
                        Some(&k) => Cell::Covered(k),
                    })
                    .collect()
            })
            .collect();
        CoverageMatrix {
            rows: cons
                .iter()
                .map(|&c| labels.text(&ds.consortia[c].name, &ds.consortia[c].id))
                .collect(),
            columns: segs
                .iter()
                .map(|&s| {
                    let seg = &ds.segments[s as usize];
                    let full = labels.text(&seg.name, &seg.id);
                    // Column labels are cut to 8 characters; the full names are in the CSV.
                    let mut name: String = full.chars().take(8).collect();
                    if full.chars().count() > 8 {
                        name.push('…');
                    }
                    if seg.critical {
                        format!("★{name}")
                    } else {
                        name
                    }
                })
                .collect(),
            cells,
            left_out: (total - cons.len(), all_segs - segs.len()),
        }
    }
}

impl Chart for CoverageMatrix {
    fn name(&self) -> &'static str {
        "chain_coverage_matrix"
    }

    fn caption(&self) -> String {
        let mut s = "Chain coverage: each row a consortium, each column a segment of the chains they serve, \
             grouped by chain and ordered upstream → downstream; blue = covered (darker = more members \
             covering it, relative to the most-covered cell), light vermillion = a gap in the \
             consortium's own chain, full vermillion = a gap at a critical (★, 卡脖子) segment, white = \
             not the consortium's chain. Segment names are cut to 8 characters (full names in \
             tables/chain_coverage.csv)."
            .to_string();
        if self.left_out != (0, 0) {
            s.push_str(&format!(
                " Shown: the {} largest consortia with a chain ({} more left out) and {} segments ({} more left out).",
                self.rows.len(), self.left_out.0, self.columns.len(), self.left_out.1
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
        let root = super::titled(root, "产业链覆盖矩阵 Chain coverage", st)?;
        let (rows, cols) = (self.rows.len().max(1), self.columns.len().max(1));
        let (w, h) = root.dim_in_pixel();
        let (left, top, bottom) = (st.i(380), st.i(10), st.i(260));
        let cw = ((w as i32 - left - st.i(20)) / cols as i32).max(4);
        let ch = ((h as i32 - top - bottom) / rows as i32).clamp(4, st.i(40));
        let max = self
            .cells
            .iter()
            .flatten()
            .filter_map(|c| match c {
                Cell::Covered(k) => Some(*k),
                _ => None,
            })
            .max()
            .unwrap_or(1);
        let light_gap = RGBColor(244, 199, 174);
        for (i, row) in self.cells.iter().enumerate() {
            for (j, cell) in row.iter().enumerate() {
                let (x, y) = (left + j as i32 * cw, top + i as i32 * ch);
                let color = match cell {
                    Cell::Outside => WHITE,
                    Cell::Gap { critical: false } => light_gap,
                    Cell::Gap { critical: true } => PALETTE[5],
                    Cell::Covered(k) => sequential(0.25 + 0.75 * *k as f64 / max as f64),
                };
                root.draw(&Rectangle::new(
                    [(x, y), (x + cw - 1, y + ch - 1)],
                    color.filled(),
                ))?;
            }
        }
        let tick = (FONT, st.tick()).into_font().color(&BLACK);
        for (i, name) in self.rows.iter().enumerate() {
            let style = tick.clone().pos(Pos::new(HPos::Right, VPos::Center));
            root.draw(&Text::new(
                name.clone(),
                (left - st.i(8), top + i as i32 * ch + ch / 2),
                style,
            ))?;
        }
        let rotated = (FONT, st.tick() - st.u(4))
            .into_font()
            .transform(FontTransform::Rotate90)
            .color(&BLACK);
        for (j, name) in self.columns.iter().enumerate() {
            let x = left + j as i32 * cw + cw / 2 + (st.tick() as i32 - 4) / 2;
            root.draw(&Text::new(
                name.clone(),
                (x, top + rows as i32 * ch + st.i(8)),
                rotated.clone(),
            ))?;
        }
        // Darker blue = more members covering: the scale beside the categories.
        let scale_x = left + 3 * st.i(300);
        let scale_ticks: Vec<(f64, String)> = if max > 1 {
            vec![(0.0, "1".to_string()), (1.0, max.to_string())]
        } else {
            vec![(1.0, "1".to_string())]
        };
        super::scale::vertical(
            &root,
            st,
            (scale_x, h as i32 - st.i(90), st.i(24), st.i(80)),
            "members covering 覆盖成员数",
            |t| {
                if max > 1 {
                    sequential(0.25 + 0.75 * (1.0 + t * (max - 1) as f64) / max as f64)
                } else {
                    sequential(1.0)
                }
            },
            &scale_ticks,
        )?;
        let legend = (FONT, st.label() - st.u(6)).into_font().color(&BLACK);
        let y = h as i32 - st.i(30);
        for (k, (color, text)) in [
            (sequential(0.8), "covered 已覆盖"),
            (light_gap, "gap 缺口"),
            (PALETTE[5], "critical gap 关键缺口"),
        ]
        .iter()
        .enumerate()
        {
            let x = left + k as i32 * st.i(300);
            root.draw(&Rectangle::new(
                [(x, y - st.i(10)), (x + st.i(24), y + st.i(10))],
                color.filled(),
            ))?;
            root.draw(&Text::new(
                text.to_string(),
                (x + st.i(34), y - st.i(12)),
                legend.clone(),
            ))?;
        }
        Ok(())
    }
}
