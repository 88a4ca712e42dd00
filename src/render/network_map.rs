//! Network map of the organisation projection: the backbone of the most central
//! organisations, laid out by a seeded force-directed layout; node area by betweenness,
//! colour by organisation type, tie width and opacity by weight, Chinese labels on the
//! most central ones without overlaps (greedy, most central first).

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::layout::fruchterman_reingold;
use super::style::{FONT, GRID, LABEL, PALETTE, TICK, TITLE};
use super::{Chart, LabelPlacer, Labels};
use crate::dataset::{Dataset, OrgType};
use crate::metrics::Results;
use crate::network::Network;

/// Organisations drawn at most (the backbone).
pub const BACKBONE: usize = 150;
/// Organisations labelled at most.
pub const LABELLED: usize = 20;
/// Layout seed (fixed: the same data gives the same picture).
pub const SEED: u64 = 20240601;

/// The map.
pub struct NetworkMap {
    labels: Vec<String>,
    types: Vec<OrgType>,
    size: Vec<f64>,
    pos: Vec<(f64, f64)>,
    ties: Vec<(usize, usize, u32)>,
    shown_of: (usize, usize),
}

impl NetworkMap {
    /// Pick the backbone (organisations with ties, by betweenness then degree) and lay it out.
    pub fn new(ds: &Dataset, net: &Network, r: &Results, labels: Labels) -> Self {
        let c = &r.centrality;
        let mut order: Vec<usize> = (0..ds.organizations.len())
            .filter(|&i| c.degree[i] > 0)
            .collect();
        let with_ties = order.len();
        order.sort_by(|&a, &b| {
            c.paths.betweenness[b]
                .total_cmp(&c.paths.betweenness[a])
                .then(c.degree[b].cmp(&c.degree[a]))
                .then(a.cmp(&b))
        });
        order.truncate(BACKBONE);
        let mut local = vec![usize::MAX; ds.organizations.len()];
        for (k, &i) in order.iter().enumerate() {
            local[i] = k;
        }
        let mut ties = Vec::new();
        for (k, &u) in order.iter().enumerate() {
            for (&v, &w) in net
                .projection
                .neighbors(u)
                .iter()
                .zip(net.projection.weights(u))
            {
                let lv = local[v as usize];
                if lv != usize::MAX && lv > k {
                    ties.push((k, lv, w));
                }
            }
        }
        let edges: Vec<(usize, usize, f64)> =
            ties.iter().map(|&(a, b, w)| (a, b, w as f64)).collect();
        let pos = fruchterman_reingold(order.len(), &edges, SEED, 300);
        let max_bc = order
            .iter()
            .map(|&i| c.paths.betweenness[i])
            .fold(0.0f64, f64::max);
        NetworkMap {
            labels: order.iter().map(|&i| labels.org(ds, i)).collect(),
            types: order
                .iter()
                .map(|&i| ds.organizations[i].org_type)
                .collect(),
            size: order
                .iter()
                .map(|&i| {
                    if max_bc > 0.0 {
                        (c.paths.betweenness[i] / max_bc).sqrt()
                    } else {
                        0.0
                    }
                })
                .collect(),
            pos,
            ties,
            shown_of: (order.len(), with_ties),
        }
    }
}

fn type_color(t: OrgType) -> RGBColor {
    PALETTE[OrgType::ALL.iter().position(|&x| x == t).unwrap_or(0) % PALETTE.len()]
}

impl Chart for NetworkMap {
    fn name(&self) -> &'static str {
        "network_map"
    }

    fn caption(&self) -> String {
        let backbone = if self.shown_of.0 < self.shown_of.1 {
            format!(
                "the backbone of the {} organisations of highest betweenness (of {} with ties; isolates never drawn) \
                 and the ties among them",
                self.shown_of.0, self.shown_of.1
            )
        } else {
            format!(
                "all {} organisations with ties (isolates not drawn)",
                self.shown_of.0
            )
        };
        format!(
            "Organisation network: {backbone}. Force-directed layout (Fruchterman–Reingold, seed {SEED}); node area \
             proportional to betweenness relative to the largest shown; colour = organisation type; line width and \
             opacity = tie weight (shared collaborations); the {LABELLED} most central are labelled where labels do not overlap."
        )
    }

    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
    ) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
        root.fill(&WHITE)?;
        let root = root.titled("组织合作网络 Organisation network", (FONT, TITLE))?;
        let (w, h) = root.dim_in_pixel();
        let side = (h as f64 - 20.0).min(w as f64 - 360.0);
        let (ox, oy) = (20.0, 10.0);
        let at = |p: (f64, f64)| ((ox + p.0 * side) as i32, (oy + p.1 * side) as i32);
        let max_w = self.ties.iter().map(|t| t.2).max().unwrap_or(1) as f64;
        for &(a, b, wt) in &self.ties {
            let s = wt as f64 / max_w;
            let style = GRID.mix(0.35 + 0.65 * s).stroke_width(1 + (3.0 * s) as u32);
            root.draw(&PathElement::new(
                vec![at(self.pos[a]), at(self.pos[b])],
                style,
            ))?;
        }
        for (k, &p) in self.pos.iter().enumerate() {
            let radius = 5 + (25.0 * self.size[k]) as i32;
            root.draw(&Circle::new(
                at(p),
                radius,
                type_color(self.types[k]).mix(0.85).filled(),
            ))?;
            root.draw(&Circle::new(at(p), radius, WHITE.stroke_width(1)))?;
        }
        // Labels, most central first, skipped where they would overlap one already placed.
        let mut placer = LabelPlacer::default();
        let font = (FONT, TICK)
            .into_font()
            .color(&BLACK)
            .pos(Pos::new(HPos::Left, VPos::Center));
        for k in 0..self.labels.len().min(LABELLED) {
            let (x, y) = at(self.pos[k]);
            let x = x + 8 + (25.0 * self.size[k]) as i32;
            if placer.try_place(x, y, &self.labels[k], TICK) {
                root.draw(&Text::new(self.labels[k].clone(), (x, y), font.clone()))?;
            }
        }
        // Legend: organisation types present.
        let mut present: Vec<OrgType> = self.types.clone();
        present.sort();
        present.dedup();
        let legend = (FONT, LABEL - 4)
            .into_font()
            .color(&BLACK)
            .pos(Pos::new(HPos::Left, VPos::Center));
        for (k, t) in present.iter().enumerate() {
            let (x, y) = (w as i32 - 300, 40 + k as i32 * 40);
            root.draw(&Circle::new((x, y), 10, type_color(*t).filled()))?;
            root.draw(&Text::new(
                t.as_str().to_string(),
                (x + 20, y),
                legend.clone(),
            ))?;
        }
        Ok(())
    }
}
