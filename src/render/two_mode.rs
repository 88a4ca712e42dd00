//! Two-mode view: consortia (squares, coloured by programme) and their member
//! organisations (circles, coloured by type), an edge per membership; the largest
//! consortia when there are many.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::layout::fruchterman_reingold;
use super::style::{program_color, Style, FONT, GRID};
use super::{Chart, LabelPlacer, Labels};
use crate::dataset::{Dataset, OrgType};
use crate::metrics::Results;
use crate::network::Network;

/// Consortia drawn at most.
pub const MAX_CONSORTIA: usize = 25;
/// Nodes drawn at most (consortia and organisations).
pub const MAX_NODES: usize = 400;
/// Layout seed.
pub const SEED: u64 = 20240602;

/// The bipartite map.
pub struct TwoModeView {
    /// (label, colour, is consortium)
    nodes: Vec<(String, RGBColor, bool)>,
    pos: Vec<(f64, f64)>,
    edges: Vec<(usize, usize)>,
    shown: (usize, usize),
}

impl TwoModeView {
    /// Pick the largest consortia and their members; lay them out.
    pub fn new(ds: &Dataset, net: &Network, r: &Results, labels: Labels) -> Self {
        let mut cons: Vec<usize> = (0..ds.consortia.len()).collect();
        cons.sort_by(|&a, &b| {
            r.consortia[b]
                .members
                .cmp(&r.consortia[a].members)
                .then(a.cmp(&b))
        });
        let program_index = |p: &str| r.programs.iter().position(|x| x.program == p).unwrap_or(0);
        let mut nodes = Vec::new();
        let mut edges = Vec::new();
        let mut org_node = std::collections::BTreeMap::new();
        let mut kept = 0;
        for &c in cons.iter().take(MAX_CONSORTIA) {
            let members = net.collaboration_members.row(c);
            let new = members
                .iter()
                .filter(|m| !org_node.contains_key(*m))
                .count();
            if nodes.len() + 1 + new > MAX_NODES {
                break;
            }
            kept += 1;
            let k = ds.consortia[c].clone();
            let cn = nodes.len();
            nodes.push((
                labels.text(&k.name, &k.id),
                program_color(program_index(&k.program)),
                true,
            ));
            for &m in members {
                let on = *org_node.entry(m).or_insert_with(|| {
                    let t = ds.organizations[m as usize].org_type;
                    nodes.push((labels.org(ds, m as usize), type_grey(t), false));
                    nodes.len() - 1
                });
                edges.push((cn, on));
            }
        }
        let layout_edges: Vec<(usize, usize, f64)> =
            edges.iter().map(|&(a, b)| (a, b, 1.0)).collect();
        TwoModeView {
            pos: fruchterman_reingold(nodes.len(), &layout_edges, SEED, 300),
            nodes,
            edges,
            shown: (kept, ds.consortia.len()),
        }
    }
}

/// Grey shade by organisation type, so that colour stays for programmes.
fn type_grey(t: OrgType) -> RGBColor {
    let i = OrgType::ALL.iter().position(|&x| x == t).unwrap_or(0) as u8;
    RGBColor(90 + 18 * i, 90 + 18 * i, 90 + 18 * i)
}

impl Chart for TwoModeView {
    fn name(&self) -> &'static str {
        "two_mode"
    }

    fn caption(&self) -> String {
        format!(
            "Two-mode network: {} of {} consortia (the largest; squares coloured by programme) and their members \
             (circles, grey shade by organisation type), one line per membership; force-directed layout \
             (Fruchterman–Reingold, seed {SEED}); consortium names shown where they do not overlap.",
            self.shown.0, self.shown.1
        )
    }

    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        st: &Style,
    ) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
        root.fill(&WHITE)?;
        let root = super::titled(root, "联合体—成员二模网络 Consortia and members", st)?;
        let (w, h) = root.dim_in_pixel();
        let side = (h as f64 - st.i(20) as f64).min(w as f64 - st.i(40) as f64);
        let ox = (w as f64 - side) / 2.0;
        let at = |p: (f64, f64)| {
            (
                (ox + p.0 * side) as i32,
                (st.i(10) as f64 + p.1 * side) as i32,
            )
        };
        for &(a, b) in &self.edges {
            root.draw(&PathElement::new(
                vec![at(self.pos[a]), at(self.pos[b])],
                GRID.stroke_width(st.u(1)),
            ))?;
        }
        let font = (FONT, st.tick())
            .into_font()
            .color(&BLACK)
            .pos(Pos::new(HPos::Left, VPos::Center));
        for (k, (_, color, is_consortium)) in self.nodes.iter().enumerate() {
            let (x, y) = at(self.pos[k]);
            if *is_consortium {
                root.draw(&Rectangle::new(
                    [(x - st.i(12), y - st.i(12)), (x + st.i(12), y + st.i(12))],
                    color.filled(),
                ))?;
            } else {
                root.draw(&Circle::new((x, y), st.u(5), color.filled()))?;
            }
        }
        // Consortium labels, largest first, skipped where they would overlap.
        let mut placer = LabelPlacer::default();
        for (k, (label, _, is_consortium)) in self.nodes.iter().enumerate() {
            let (x, y) = at(self.pos[k]);
            if *is_consortium && placer.try_place(x + st.i(16), y, label, st.tick()) {
                root.draw(&Text::new(label.clone(), (x + st.i(16), y), font.clone()))?;
            }
        }
        Ok(())
    }
}
