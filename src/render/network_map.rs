//! Network map of the organisation projection: the backbone of the most central
//! organisations, laid out by a seeded force-directed layout; node area by betweenness,
//! colour by organisation type, tie width and opacity by weight, Chinese labels on the
//! most central ones without overlaps (greedy, most central first).

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::layout::fruchterman_reingold;
use super::style::{program_color, Style, FONT, GRID, PALETTE};
use super::{Chart, LabelPlacer, Labels};
use crate::config::ColorBy;
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
    /// Colour group of each node (index into `legend`).
    groups: Vec<usize>,
    /// (group name, colour), in legend order.
    legend: Vec<(String, RGBColor)>,
    color_by: ColorBy,
    size: Vec<f64>,
    pos: Vec<(f64, f64)>,
    ties: Vec<(usize, usize, u32)>,
    shown_of: (usize, usize),
}

impl NetworkMap {
    /// Pick the backbone (organisations with ties, by betweenness then degree) and lay it out.
    pub fn new(
        ds: &Dataset,
        net: &Network,
        r: &Results,
        labels: Labels,
        color_by: ColorBy,
    ) -> Self {
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
        let category: Vec<String> = order
            .iter()
            .map(|&i| category_of(ds, net, r, i, color_by))
            .collect();
        let programs: Vec<String> = r.programs.iter().map(|p| p.program.clone()).collect();
        let (groups, legend) = color_groups(&category, color_by, labels, &programs);
        NetworkMap {
            labels: order.iter().map(|&i| labels.org(ds, i)).collect(),
            groups,
            legend,
            color_by,
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

/// The category of organisation `i` for a colouring.
fn category_of(ds: &Dataset, net: &Network, r: &Results, i: usize, by: ColorBy) -> String {
    match by {
        ColorBy::Type => ds.organizations[i].org_type.as_str().to_string(),
        ColorBy::Region => r.regions.labels[r.regions.of_org[i] as usize].clone(),
        ColorBy::Community => r.communities.of_org[i].to_string(),
        ColorBy::Program => {
            let n_cons = ds.consortia.len();
            let mut programs: Vec<&str> = net
                .org_collaborations
                .row(i)
                .iter()
                .filter_map(|&c| {
                    let c = c as usize;
                    if c < n_cons {
                        Some(ds.consortia[c].program.as_str())
                    } else {
                        ds.projects[c - n_cons].effective_program(&ds.consortia)
                    }
                })
                .collect();
            programs.sort_unstable();
            programs.dedup();
            match programs.as_slice() {
                [] => "—".to_string(),
                [one] => one.to_string(),
                _ => "多个 multiple".to_string(),
            }
        }
    }
}

/// Colour groups: types in the contract's order; programmes in their own colours (as in
/// every figure); regions by frequency (ties by name), the first seven coloured, the rest
/// grey as "other".
fn color_groups(
    category: &[String],
    by: ColorBy,
    labels: Labels,
    programs: &[String],
) -> (Vec<usize>, Vec<(String, RGBColor)>) {
    let mut names: Vec<String> = category.to_vec();
    names.sort();
    names.dedup();
    if by == ColorBy::Type {
        names.sort_by_key(|n| OrgType::ALL.iter().position(|t| t.as_str() == n));
    } else if by == ColorBy::Community {
        // Community numbers run by size over the whole network.
        names.sort_by_key(|n| n.parse::<u32>().unwrap_or(u32::MAX));
    } else {
        let count = |n: &String| category.iter().filter(|c| *c == n).count();
        names.sort_by(|a, b| count(b).cmp(&count(a)).then(a.cmp(b)));
    }
    if by == ColorBy::Program {
        // The same colour per programme as every other figure; "multiple" dark grey,
        // no programme light grey.
        let color = |n: &str| match programs.iter().position(|p| p == n) {
            Some(i) => program_color(i),
            None if n == "—" => RGBColor(190, 190, 190),
            None => RGBColor(80, 80, 80),
        };
        names.sort_by_key(|n| {
            (
                programs.iter().position(|p| p == n).unwrap_or(usize::MAX),
                n.clone(),
            )
        });
        let legend = names
            .iter()
            .map(|n| (labels.text(n, n), color(n)))
            .collect();
        let groups = category
            .iter()
            .map(|c| names.iter().position(|n| n == c).unwrap_or(0))
            .collect();
        return (groups, legend);
    }
    let colored = names.len().min(7);
    let mut legend: Vec<(String, RGBColor)> = names[..colored]
        .iter()
        .enumerate()
        .map(|(k, n)| {
            let label = if by == ColorBy::Community {
                format!("社区 community {n}")
            } else {
                labels.text(n, &format!("group {}", k + 1))
            };
            (label, PALETTE[k])
        })
        .collect();
    if names.len() > colored {
        legend.push(("其他 other".to_string(), RGBColor(170, 170, 170)));
    }
    let groups = category
        .iter()
        .map(|c| {
            names
                .iter()
                .position(|n| n == c)
                .map(|k| k.min(colored))
                .unwrap_or(colored)
        })
        .collect();
    (groups, legend)
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
             proportional to betweenness relative to the largest shown; colour = {}; line width and \
             opacity = tie weight (shared collaborations); the {LABELLED} most central are labelled where labels do not overlap.",
            match self.color_by {
                ColorBy::Type => "organisation type",
                ColorBy::Region => "region (the seven most frequent; others grey)",
                ColorBy::Community => "Leiden community (the seven largest shown, numbered by size over the whole network; others grey)",
                ColorBy::Program => "programme of the organisation's collaborations, in the programme colours of every figure (dark grey: several programmes)",
            }
        )
    }

    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        st: &Style,
    ) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
        root.fill(&WHITE)?;
        let root = root.titled("组织合作网络 Organisation network", (FONT, st.title()))?;
        let (w, h) = root.dim_in_pixel();
        let side = (h as f64 - st.i(20) as f64).min(w as f64 - st.i(360) as f64);
        let (ox, oy) = (st.i(20) as f64, st.i(10) as f64);
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
            let radius = st.i(5) + (st.scale * 25.0 * self.size[k]) as i32;
            root.draw(&Circle::new(
                at(p),
                radius,
                self.legend[self.groups[k]].1.mix(0.85).filled(),
            ))?;
            root.draw(&Circle::new(at(p), radius, WHITE.stroke_width(st.u(1))))?;
        }
        // Labels, most central first, skipped where they would overlap one already placed.
        let mut placer = LabelPlacer::default();
        let font = (FONT, st.tick())
            .into_font()
            .color(&BLACK)
            .pos(Pos::new(HPos::Left, VPos::Center));
        for k in 0..self.labels.len().min(LABELLED) {
            let (x, y) = at(self.pos[k]);
            let x = x + st.i(8) + (st.scale * 25.0 * self.size[k]) as i32;
            if placer.try_place(x, y, &self.labels[k], st.tick()) {
                root.draw(&Text::new(self.labels[k].clone(), (x, y), font.clone()))?;
            }
        }
        // Legend: the colour groups.
        let legend = (FONT, st.label() - st.u(4))
            .into_font()
            .color(&BLACK)
            .pos(Pos::new(HPos::Left, VPos::Center));
        for (k, (name, color)) in self.legend.iter().enumerate() {
            let (x, y) = (w as i32 - st.i(300), st.i(40) + k as i32 * st.i(40));
            root.draw(&Circle::new((x, y), st.u(10), color.filled()))?;
            root.draw(&Text::new(name.clone(), (x + st.i(20), y), legend.clone()))?;
        }
        Ok(())
    }
}
