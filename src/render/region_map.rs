//! A map of China's provinces as a tile grid: one square per province-level unit at its
//! approximate geographic place (no boundary data, so no map approval is needed), shaded
//! by the organisations located there, with arcs between provinces whose width is the
//! number of cross-province ties. It makes the Yangtze-Delta question — how far ties run
//! between 沪, 苏, 浙 and 皖, and beyond — visible at a glance.
//!
//! Always at province level, whatever `--region-level`: a province is read from each
//! organisation's `province` in any spelling [`crate::dataset::regions`] accepts (the
//! loader already writes the short form); names that are none of the 34 units (abroad,
//! unknown) are counted in the caption, not drawn.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::style::{sequential, Style, FONT, GRID, PALETTE};
use super::Chart;
use crate::dataset::{regions, Dataset};
use crate::network::Network;

/// The 34 province-level units: short name and (column, row) of their tile, west to east
/// and north to south on a 9 × 9 grid.
pub const TILES: [(&str, (i32, i32)); 34] = [
    ("黑龙江", (8, 0)),
    ("新疆", (1, 1)),
    ("内蒙古", (5, 1)),
    ("吉林", (8, 1)),
    ("北京", (6, 2)),
    ("天津", (7, 2)),
    ("辽宁", (8, 2)),
    ("青海", (2, 3)),
    ("甘肃", (3, 3)),
    ("宁夏", (4, 3)),
    ("山西", (5, 3)),
    ("河北", (6, 3)),
    ("山东", (7, 3)),
    ("西藏", (1, 4)),
    ("四川", (3, 4)),
    ("陕西", (4, 4)),
    ("河南", (5, 4)),
    ("安徽", (6, 4)),
    ("江苏", (7, 4)),
    ("上海", (8, 4)),
    ("重庆", (4, 5)),
    ("湖北", (5, 5)),
    ("江西", (6, 5)),
    ("浙江", (7, 5)),
    ("云南", (3, 6)),
    ("贵州", (4, 6)),
    ("湖南", (5, 6)),
    ("福建", (7, 6)),
    ("台湾", (8, 6)),
    ("广西", (4, 7)),
    ("广东", (5, 7)),
    ("香港", (6, 7)),
    ("澳门", (5, 8)),
    ("海南", (4, 8)),
];

/// Arcs drawn at most (the province pairs with most ties); the caption says when more.
pub const MAX_ARCS: usize = 60;

/// The tile of a province as written: the unit it names in any spelling
/// [`regions::province`] accepts (江苏, 江苏省, 广西壮族自治区, Jiangsu).
pub fn tile_of(province: &str) -> Option<usize> {
    let short = regions::province(province)?;
    TILES.iter().position(|(name, _)| *name == short)
}

/// The map's data: organisations per tile and ties per pair of tiles.
pub struct RegionMap {
    orgs: Vec<u64>,
    /// (tile a, tile b, ties), a < b, most ties first.
    arcs: Vec<(usize, usize, u64)>,
    more_arcs: usize,
    unplaced: u64,
    cross_ties: u64,
}

impl RegionMap {
    /// Count organisations per province and cross-province ties of the projection.
    /// O(n + ties).
    pub fn new(ds: &Dataset, net: &Network) -> Self {
        let tile: Vec<Option<usize>> = ds
            .organizations
            .iter()
            .map(|o| tile_of(&o.province))
            .collect();
        let mut orgs = vec![0u64; TILES.len()];
        for t in tile.iter().flatten() {
            orgs[*t] += 1;
        }
        let unplaced = tile.iter().filter(|t| t.is_none()).count() as u64;
        let group: Vec<u32> = tile
            .iter()
            .map(|t| t.map(|t| t as u32).unwrap_or(u32::MAX))
            .collect();
        let mut pairs = std::collections::BTreeMap::new();
        for ((a, b), (ties, _)) in net.group_ties(&group) {
            if a != b {
                pairs.insert((a as usize, b as usize), ties);
            }
        }
        let cross_ties = pairs.values().sum();
        let mut arcs: Vec<(usize, usize, u64)> =
            pairs.into_iter().map(|((a, b), t)| (a, b, t)).collect();
        arcs.sort_by(|x, y| y.2.cmp(&x.2).then((x.0, x.1).cmp(&(y.0, y.1))));
        let more_arcs = arcs.len().saturating_sub(MAX_ARCS);
        arcs.truncate(MAX_ARCS);
        RegionMap {
            orgs,
            arcs,
            more_arcs,
            unplaced,
            cross_ties,
        }
    }
}

impl Chart for RegionMap {
    fn name(&self) -> &'static str {
        "region_map"
    }

    fn caption(&self) -> String {
        let mut s = format!(
            "China's province-level units as a tile grid (each square at its unit's approximate \
             place; not a boundary map). Shade = organisations located there (logarithmic: \
             log(1 + n) / log(1 + largest), scale on the right); arcs = cross-province ties of \
             the organisation projection between two units, width proportional to their number \
             ({} cross-province ties in all).",
            self.cross_ties
        );
        if self.more_arcs > 0 {
            s.push_str(&format!(
                " Shown: the {} pairs with most ties ({} more pairs left out).",
                self.arcs.len(),
                self.more_arcs
            ));
        }
        if self.unplaced > 0 {
            s.push_str(&format!(
                " {} organisations whose province is none of these units (abroad or unknown) are not drawn.",
                self.unplaced
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
        let root = super::titled(root, "区域合作地图 Ties across provinces", st)?;
        let (w, h) = root.dim_in_pixel();
        let side = ((h as i32 - st.i(30)) / 9).min((w as i32 - st.i(360)) / 9);
        let x0 = (w as i32 - st.i(300) - 9 * side) / 2;
        let y0 = st.i(10);
        let centre = |t: usize| {
            let (c, r) = TILES[t].1;
            (x0 + c * side + side / 2, y0 + r * side + side / 2)
        };
        let max_orgs = self.orgs.iter().copied().max().unwrap_or(0);
        let shade = |n: u64| (1.0 + n as f64).ln() / (1.0 + max_orgs.max(1) as f64).ln();
        let gap = st.i(4);
        for (t, (name, (c, r))) in TILES.iter().enumerate() {
            let (x, y) = (x0 + c * side, y0 + r * side);
            let n = self.orgs[t];
            let fill = if n == 0 {
                RGBColor(245, 245, 245)
            } else {
                sequential(0.15 + 0.85 * shade(n))
            };
            root.draw(&Rectangle::new(
                [(x + gap, y + gap), (x + side - gap, y + side - gap)],
                fill.filled(),
            ))?;
            root.draw(&Rectangle::new(
                [(x + gap, y + gap), (x + side - gap, y + side - gap)],
                GRID.stroke_width(st.u(1)),
            ))?;
            let ink = if n > 0 && shade(n) > 0.55 {
                WHITE
            } else {
                BLACK
            };
            root.draw(&Text::new(
                name.to_string(),
                (x + side / 2, y + side / 2 - st.i(10)),
                (FONT, st.tick())
                    .into_font()
                    .color(&ink)
                    .pos(Pos::new(HPos::Center, VPos::Center)),
            ))?;
            if n > 0 {
                root.draw(&Text::new(
                    n.to_string(),
                    (x + side / 2, y + side / 2 + st.i(14)),
                    (FONT, st.tick() - st.u(4))
                        .into_font()
                        .color(&ink)
                        .pos(Pos::new(HPos::Center, VPos::Center)),
                ))?;
            }
        }
        // Arcs: a quadratic curve bowed to one side of the straight line, fewest ties first
        // so the strongest lie on top.
        let max_ties = self.arcs.first().map_or(1, |a| a.2).max(1) as f64;
        for &(a, b, ties) in self.arcs.iter().rev() {
            let (p, q) = (centre(a), centre(b));
            let (mx, my) = ((p.0 + q.0) as f64 / 2.0, (p.1 + q.1) as f64 / 2.0);
            let (dx, dy) = ((q.0 - p.0) as f64, (q.1 - p.1) as f64);
            let bow = 0.18;
            let ctrl = (mx - dy * bow, my + dx * bow);
            let points: Vec<(i32, i32)> = (0..=24)
                .map(|k| {
                    let t = k as f64 / 24.0;
                    let u = 1.0 - t;
                    (
                        (u * u * p.0 as f64 + 2.0 * u * t * ctrl.0 + t * t * q.0 as f64).round()
                            as i32,
                        (u * u * p.1 as f64 + 2.0 * u * t * ctrl.1 + t * t * q.1 as f64).round()
                            as i32,
                    )
                })
                .collect();
            let width = 1.0 + 11.0 * ties as f64 / max_ties;
            root.draw(&PathElement::new(
                points,
                PALETTE[5]
                    .mix(0.55)
                    .stroke_width(st.u(width.round() as u32)),
            ))?;
        }
        let scale_x = x0 + 9 * side + st.i(40);
        super::scale::vertical(
            &root,
            st,
            (scale_x, st.i(120), st.i(30), st.i(380)),
            "organisations 组织数",
            |t| sequential(0.15 + 0.85 * t),
            &super::scale::log_ticks(max_orgs),
        )?;
        let legend = (FONT, st.tick()).into_font().color(&BLACK);
        let y = st.i(580);
        root.draw(&PathElement::new(
            vec![(scale_x, y), (scale_x + st.i(60), y)],
            PALETTE[5].mix(0.55).stroke_width(st.u(12)),
        ))?;
        root.draw(&Text::new(
            format!("{} ties 联系", max_ties as u64),
            (scale_x + st.i(70), y),
            legend.clone().pos(Pos::new(HPos::Left, VPos::Center)),
        ))?;
        root.draw(&PathElement::new(
            vec![(scale_x, y + st.i(40)), (scale_x + st.i(60), y + st.i(40))],
            PALETTE[5].mix(0.55).stroke_width(st.u(1)),
        ))?;
        root.draw(&Text::new(
            "1".to_string(),
            (scale_x + st.i(70), y + st.i(40)),
            legend.pos(Pos::new(HPos::Left, VPos::Center)),
        ))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn provinces_find_their_tile_as_people_write_them() {
        let at = |p: &str| tile_of(p).map(|t| TILES[t].0);
        assert_eq!(at("江苏"), Some("江苏"));
        assert_eq!(at("江苏省"), Some("江苏"));
        assert_eq!(at("上海市"), Some("上海"));
        assert_eq!(at("广西壮族自治区"), Some("广西"));
        assert_eq!(at("内蒙古自治区"), Some("内蒙古"));
        assert_eq!(at("香港特别行政区"), Some("香港"));
        assert_eq!(at("Jiangsu Province"), Some("江苏"));
        assert_eq!(at("江苏南京"), None);
        assert_eq!(at("日本"), None);
    }

    #[test]
    fn the_tiles_are_the_34_units() {
        let mut tiles: Vec<&str> = TILES.iter().map(|t| t.0).collect();
        let mut units: Vec<&str> = regions::UNITS.iter().map(|u| u.short).collect();
        tiles.sort_unstable();
        units.sort_unstable();
        assert_eq!(tiles, units);
    }

    #[test]
    fn every_tile_has_its_own_square() {
        let mut cells: Vec<(i32, i32)> = TILES.iter().map(|t| t.1).collect();
        cells.sort_unstable();
        cells.dedup();
        assert_eq!(cells.len(), 34);
        assert!(cells
            .iter()
            .all(|&(c, r)| (0..9).contains(&c) && (0..9).contains(&r)));
    }
}
