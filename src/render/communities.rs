//! Community × consortium matrix: for the largest consortia (rows) and the communities
//! holding most of their members (columns), the share of each consortium's members in each
//! community. A row with one dark cell is a consortium that is one group in the network; a
//! row spread over several cells is a consortium on paper that is split in practice.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::style::{sequential, Style, FONT};
use super::{Chart, Labels};
use crate::dataset::Dataset;
use crate::metrics::communities::Communities;
use crate::network::Network;

/// Consortia shown at most (the largest).
pub const MAX_CONSORTIA: usize = 30;
/// Communities shown at most (the others summed into one last column).
pub const MAX_COMMUNITIES: usize = 15;

/// The matrix.
pub struct CommunityMatrix {
    rows: Vec<String>,
    /// Column labels: community numbers, then maybe "other".
    columns: Vec<String>,
    /// Share of the row's members in each column.
    cells: Vec<Vec<f64>>,
    left_out: usize,
}

impl CommunityMatrix {
    /// The largest consortia, ordered by their modal community so that blocks show.
    pub fn new(ds: &Dataset, net: &Network, comm: &Communities, labels: Labels) -> Self {
        let of = &comm.of_org;
        let mut cons: Vec<usize> = (0..ds.consortia.len())
            .filter(|&c| !net.collaboration_members.row(c).is_empty())
            .collect();
        let total = cons.len();
        cons.sort_by(|&a, &b| {
            let (ma, mb) = (
                net.collaboration_members.row(a).len(),
                net.collaboration_members.row(b).len(),
            );
            mb.cmp(&ma).then(a.cmp(&b))
        });
        cons.truncate(MAX_CONSORTIA);
        // Members per (consortium, community).
        let counts: Vec<std::collections::BTreeMap<u32, u64>> = cons
            .iter()
            .map(|&c| {
                let mut m = std::collections::BTreeMap::new();
                for &o in net.collaboration_members.row(c) {
                    *m.entry(of[o as usize]).or_insert(0) += 1;
                }
                m
            })
            .collect();
        // Columns: communities by members among the shown consortia, most first.
        let mut weight: std::collections::BTreeMap<u32, u64> = Default::default();
        for m in &counts {
            for (&k, &v) in m {
                *weight.entry(k).or_insert(0) += v;
            }
        }
        let mut cols: Vec<(u32, u64)> = weight.into_iter().collect();
        cols.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let other = cols.len() > MAX_COMMUNITIES;
        cols.truncate(if other {
            MAX_COMMUNITIES - 1
        } else {
            MAX_COMMUNITIES
        });
        cols.sort_by_key(|c| c.0);
        let col_of = |k: u32| cols.iter().position(|c| c.0 == k);
        let width = cols.len() + other as usize;
        let mut rows: Vec<(usize, Vec<f64>)> = cons
            .iter()
            .zip(&counts)
            .map(|(&c, m)| {
                let size = net.collaboration_members.row(c).len() as f64;
                let mut cells = vec![0.0; width];
                for (&k, &v) in m {
                    let j = col_of(k).unwrap_or(width - 1);
                    cells[j] += v as f64 / size;
                }
                (c, cells)
            })
            .collect();
        // Rows grouped by the column of their largest share, then by that share.
        let modal = |cells: &[f64]| {
            (0..cells.len())
                .max_by(|&a, &b| cells[a].total_cmp(&cells[b]).then(b.cmp(&a)))
                .unwrap_or(0)
        };
        rows.sort_by(|a, b| {
            let (ma, mb) = (modal(&a.1), modal(&b.1));
            ma.cmp(&mb)
                .then(b.1[mb].total_cmp(&a.1[ma]))
                .then(a.0.cmp(&b.0))
        });
        let mut columns: Vec<String> = cols.iter().map(|c| format!("{}", c.0)).collect();
        if other {
            columns.push("其他 other".to_string());
        }
        CommunityMatrix {
            rows: rows
                .iter()
                .map(|(c, _)| labels.text(&ds.consortia[*c].name, &ds.consortia[*c].id))
                .collect(),
            columns,
            cells: rows.into_iter().map(|r| r.1).collect(),
            left_out: total - cons.len(),
        }
    }
}

impl Chart for CommunityMatrix {
    fn name(&self) -> &'static str {
        "community_matrix"
    }

    fn caption(&self) -> String {
        let mut s =
            "Communities × consortia: each row a consortium, each column a Leiden community \
             (numbered by size over the whole network); a cell's shade and number are the share of \
             the consortium's members in that community. One dark cell in a row: the consortium is \
             one group in the network of collaborations; several lighter cells: it is split."
                .to_string();
        if self.left_out > 0 {
            s.push_str(&format!(
                " Shown: the {} largest consortia ({} more left out); communities beyond the {} \
                 holding most of their members are summed in the last column.",
                self.rows.len(),
                self.left_out,
                MAX_COMMUNITIES - 1
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
        let root = root.titled("社区 × 联合体 Communities × consortia", (FONT, st.title()))?;
        let (rows, cols) = (self.rows.len().max(1), self.columns.len().max(1));
        let (w, h) = root.dim_in_pixel();
        let (left, top, bottom) = (st.i(380), st.i(60), st.i(30));
        let cw = ((w as i32 - left - st.i(20)) / cols as i32).max(4);
        let ch = ((h as i32 - top - bottom) / rows as i32).clamp(4, st.i(40));
        let tick = (FONT, st.tick()).into_font().color(&BLACK);
        let small_size = (ch as u32 * 6 / 10).min(st.tick()).max(1);
        for (j, name) in self.columns.iter().enumerate() {
            root.draw(&Text::new(
                name.clone(),
                (left + j as i32 * cw + cw / 2, top - st.i(24)),
                tick.clone().pos(Pos::new(HPos::Center, VPos::Center)),
            ))?;
        }
        for (i, row) in self.cells.iter().enumerate() {
            let y = top + i as i32 * ch;
            root.draw(&Text::new(
                self.rows[i].clone(),
                (left - st.i(8), y + ch / 2),
                tick.clone().pos(Pos::new(HPos::Right, VPos::Center)),
            ))?;
            for (j, &v) in row.iter().enumerate() {
                let x = left + j as i32 * cw;
                let color = if v > 0.0 {
                    sequential(0.15 + 0.85 * v)
                } else {
                    WHITE
                };
                root.draw(&Rectangle::new(
                    [(x, y), (x + cw - 1, y + ch - 1)],
                    color.filled(),
                ))?;
                root.draw(&Rectangle::new(
                    [(x, y), (x + cw - 1, y + ch - 1)],
                    RGBColor(225, 225, 225),
                ))?;
                if v >= 0.05 && ch >= st.i(14) {
                    let ink = if v > 0.55 { WHITE } else { BLACK };
                    root.draw(&Text::new(
                        format!("{:.0}%", v * 100.0),
                        (x + cw / 2, y + ch / 2),
                        TextStyle::from((FONT, small_size).into_font())
                            .color(&ink)
                            .pos(Pos::new(HPos::Center, VPos::Center)),
                    ))?;
                }
            }
        }
        Ok(())
    }
}
