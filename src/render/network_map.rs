//! Network map of the organisation projection: one layout of the network ([`map_view`],
//! shared with the report's interactive view and the graph exports), of which the map
//! draws the backbone of the most central organisations; node area by betweenness,
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
use crate::output::MapView;

/// Organisations drawn at most (the backbone).
pub const BACKBONE: usize = 150;
/// Organisations labelled at most.
pub const LABELLED: usize = 20;
/// Layout seed (fixed: the same data gives the same picture).
pub const SEED: u64 = 20240601;

/// Organisations the interactive view and the graph exports lay out at most; above this
/// the view holds the organisations of highest betweenness (the layout's repulsion is
/// O(n²) per iteration: about 1 s at 2,000).
pub const VIEW_MAX: usize = 2000;

/// Ties the view keeps at most: the heaviest (ties by position). Only a dense block — a
/// collaboration of thousands of members among the organisations shown, which makes
/// millions of ties among 2,000 organisations — comes near it (the large preset's 2,000 most
/// central organisations have 226,000 ties among them); it bounds the layout's
/// attraction step, the report's explorer and the graph exports of the view.
pub const VIEW_MAX_TIES: usize = 500_000;

/// Lay out the network once: the organisations with ties (at most `max`, by betweenness
/// then degree), a seeded Fruchterman–Reingold layout of the ties among them, node sizes
/// and colours by `color_by`.
pub fn map_view(
    ds: &Dataset,
    net: &Network,
    r: &Results,
    labels: Labels,
    color_by: ColorBy,
    max: usize,
) -> MapView {
    let c = &r.centrality;
    let mut order: Vec<usize> = (0..ds.organizations.len())
        .filter(|&i| c.degree[i] > 0)
        .collect();
    let with_ties = order.len();
    // Betweenness to 12 decimals (it lies in [0, 1]): organisations whose values differ
    // only by rounding — twins, whose sums run in different orders — rank by degree,
    // then index, so the map does not move with the last bit of a sum.
    let key = |i: usize| (c.paths.betweenness[i] * 1e12).round() as i64;
    order.sort_by(|&a, &b| {
        key(b)
            .cmp(&key(a))
            .then(c.degree[b].cmp(&c.degree[a]))
            .then(a.cmp(&b))
    });
    order.truncate(max);
    let mut local = vec![usize::MAX; ds.organizations.len()];
    for (k, &i) in order.iter().enumerate() {
        local[i] = k;
    }
    // The ties among the map's organisations, each listed from both ends with partners
    // ascending (as the projection's rows are), then taken in map order.
    let mut sorted: Vec<u32> = order.iter().map(|&i| i as u32).collect();
    sorted.sort_unstable();
    let mut rows: Vec<Vec<(u32, u32)>> = vec![Vec::new(); order.len()];
    for (u, v, w) in net.ties_among(&sorted) {
        rows[local[u as usize]].push((v, w));
        rows[local[v as usize]].push((u, w));
    }
    let mut ties = Vec::new();
    for (k, row) in rows.iter_mut().enumerate() {
        row.sort_unstable();
        for &(v, w) in row.iter() {
            let lv = local[v as usize];
            if lv > k {
                ties.push((k as u32, lv as u32, w));
            }
        }
    }
    let ties_left_out = ties.len().saturating_sub(VIEW_MAX_TIES);
    if ties_left_out > 0 {
        ties.sort_unstable_by(|a, b| b.2.cmp(&a.2).then((a.0, a.1).cmp(&(b.0, b.1))));
        ties.truncate(VIEW_MAX_TIES);
        ties.sort_unstable();
    }
    let edges: Vec<(usize, usize, f64)> = ties
        .iter()
        .map(|&(a, b, w)| (a as usize, b as usize, w as f64))
        .collect();
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
    let (group, legend) = color_groups(&category, color_by, labels, &programs);
    MapView {
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
        orgs: order.iter().map(|&i| i as u32).collect(),
        pos,
        group,
        legend: legend
            .into_iter()
            .map(|(name, c)| (name, (c.0, c.1, c.2)))
            .collect(),
        with_ties,
        ties,
        ties_left_out,
    }
}

/// The map: the backbone (the first [`BACKBONE`] organisations of a [`MapView`]) at the
/// view's positions.
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
    /// The backbone of `view`.
    pub fn new(ds: &Dataset, view: &MapView, labels: Labels, color_by: ColorBy) -> Self {
        let k = view.orgs.len().min(BACKBONE);
        NetworkMap {
            labels: view.orgs[..k]
                .iter()
                .map(|&i| labels.org(ds, i as usize))
                .collect(),
            groups: view.group[..k].to_vec(),
            legend: view
                .legend
                .iter()
                .map(|(n, c)| (n.clone(), RGBColor(c.0, c.1, c.2)))
                .collect(),
            color_by,
            size: view.size[..k].to_vec(),
            pos: view.pos[..k].to_vec(),
            ties: view
                .ties
                .iter()
                .filter(|t| (t.1 as usize) < k)
                .map(|&(a, b, w)| (a as usize, b as usize, w))
                .collect(),
            shown_of: (k, view.with_ties),
        }
    }
}

/// The category of organisation `i` for a colouring.
fn category_of(ds: &Dataset, net: &Network, r: &Results, i: usize, by: ColorBy) -> String {
    match by {
        ColorBy::Type => ds.organizations[i].org_type.as_str().to_string(),
        ColorBy::Region => r.regions.labels[r.regions.of_org[i] as usize].clone(),
        ColorBy::Community => match &r.communities {
            Some(c) => c.of_org[i].to_string(),
            None => "—".to_string(),
        },
        ColorBy::Program => {
            let programs = crate::metrics::programs::programs_of(ds, net, i);
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
                 and the ties among them, at their positions in the layout of the interactive view",
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
             opacity = tie weight (shared collaborations); the layout is fitted to the plot area; the {LABELLED} most central are labelled beside their node or, where that would cover a node or another label, further out with a leader line; a label with no free place is left out.",
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
        let root = super::titled(root, "组织合作网络 Organisation network", st)?;
        let (w, h) = root.dim_in_pixel();
        let radius = |k: usize| st.i(5) + (st.scale * 25.0 * self.size[k]) as i32;
        // Fit the layout's bounding box to the plot area (left of the legend), with a margin
        // of the largest node radius plus room for a label's height.
        let margin = st.i(40) as f64;
        let (x0, y0) = (margin, margin / 2.0);
        let (pw, ph) = (
            (w as f64 - st.i(330) as f64 - 2.0 * margin).max(1.0),
            (h as f64 - 1.5 * margin).max(1.0),
        );
        let (min_x, max_x, min_y, max_y) = self.pos.iter().fold(
            (f64::MAX, f64::MIN, f64::MAX, f64::MIN),
            |(a, b, c, d), p| (a.min(p.0), b.max(p.0), c.min(p.1), d.max(p.1)),
        );
        let span = |lo: f64, hi: f64| if hi > lo { hi - lo } else { 1.0 };
        // Each axis fills its side, but neither is stretched more than 1.5 × the other.
        let (mut sx, mut sy) = (pw / span(min_x, max_x), ph / span(min_y, max_y));
        sx = sx.min(1.5 * sy);
        sy = sy.min(1.5 * sx);
        let (cx, cy) = (
            x0 + (pw - sx * span(min_x, max_x)) / 2.0,
            y0 + (ph - sy * span(min_y, max_y)) / 2.0,
        );
        let at = |p: (f64, f64)| {
            (
                (cx + (p.0 - min_x) * sx) as i32,
                (cy + (p.1 - min_y) * sy) as i32,
            )
        };
        let max_w = self.ties.iter().map(|t| t.2).max().unwrap_or(1) as f64;
        for &(a, b, wt) in &self.ties {
            let s = wt as f64 / max_w;
            let style = GRID.mix(0.35 + 0.65 * s).stroke_width(1 + (3.0 * s) as u32);
            root.draw(&PathElement::new(
                vec![at(self.pos[a]), at(self.pos[b])],
                style,
            ))?;
        }
        let mut placer = LabelPlacer::default();
        for (k, &p) in self.pos.iter().enumerate() {
            let r = radius(k);
            let (x, y) = at(p);
            root.draw(&Circle::new(
                (x, y),
                r,
                self.legend[self.groups[k]].1.mix(0.85).filled(),
            ))?;
            root.draw(&Circle::new((x, y), r, WHITE.stroke_width(st.u(1))))?;
            placer.block((x - r, y - r, x + r, y + r));
        }
        // Labels, most central first: beside the node (right, then left), else further
        // out in one of eight directions with a leader line; left out where every place
        // would cover a node or a label already placed, or leave the plot area.
        let font = (FONT, st.tick())
            .into_font()
            .color(&BLACK)
            .pos(Pos::new(HPos::Left, VPos::Center));
        let size = st.tick() as i32;
        let inside = |x: i32, y: i32, width: i32| {
            x >= 0 && x + width <= w as i32 && y - size / 2 >= 0 && y + size / 2 <= h as i32
        };
        for k in 0..self.labels.len().min(LABELLED) {
            let (nx, ny) = at(self.pos[k]);
            let r = radius(k);
            let width = LabelPlacer::width(&self.labels[k], st.tick());
            let gap = st.i(4);
            let mut candidates = vec![(nx + r + gap, ny, false), (nx - r - gap - width, ny, false)];
            for (far, (dx, dy)) in [r + st.i(36), r + st.i(90), r + st.i(150)]
                .into_iter()
                .flat_map(|far| {
                    [
                        (1, -1),
                        (1, 1),
                        (-1, -1),
                        (-1, 1),
                        (0, -1),
                        (0, 1),
                        (1, 0),
                        (-1, 0),
                    ]
                    .map(|d| (far, d))
                })
            {
                let (ex, ey) = (nx + dx * far, ny + dy * far);
                let x = if dx < 0 {
                    ex - width
                } else if dx == 0 {
                    ex - width / 2
                } else {
                    ex
                };
                candidates.push((x, ey, true));
            }
            for (x, y, leader) in candidates {
                if inside(x, y, width) && placer.try_place(x, y, &self.labels[k], st.tick()) {
                    if leader {
                        let end = if x >= nx { x - gap } else { x + width + gap };
                        root.draw(&PathElement::new(
                            vec![(nx, ny), (end.clamp(x - gap, x + width + gap), y)],
                            BLACK.mix(0.5).stroke_width(st.u(1)),
                        ))?;
                    }
                    root.draw(&Text::new(self.labels[k].clone(), (x, y), font.clone()))?;
                    break;
                }
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
