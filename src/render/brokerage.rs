//! Brokerage roles by region: for the regions whose organisations broker most, the
//! Gould–Fernandez counts of their organisations summed by role, as stacked horizontal
//! bars (coordinator, itinerant, gatekeeper/representative, liaison).

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::style::{Style, FONT, PALETTE};
use super::{bars, Chart, Labels};
use crate::metrics::regions::Regions;
use crate::metrics::structure::OrgStructure;

/// Regions shown at most (those with the most brokerage).
pub const MAX_REGIONS: usize = 20;
/// The roles, in the order of the bars.
pub const ROLES: [&str; 4] = [
    "coordinator 协调者",
    "itinerant 顾问",
    "gatekeeper/representative 守门人/代表",
    "liaison 联络人",
];

/// Role counts per region.
pub struct BrokerageRoles {
    /// (region label, counts per role), most brokerage first.
    rows: Vec<(String, [u64; 4])>,
    left_out: usize,
    skipped: usize,
}

impl BrokerageRoles {
    /// Sum every organisation's roles into its region.
    pub fn new(regions: &Regions, structure: &OrgStructure, labels: Labels) -> Self {
        let k = regions.labels.len();
        let mut sums = vec![[0u64; 4]; k];
        for (i, b) in structure.brokerage.iter().enumerate() {
            if let Some(b) = b {
                let g = regions.of_org[i] as usize;
                for role in 0..4 {
                    sums[g][role] += b[role];
                }
            }
        }
        let mut order: Vec<usize> = (0..k)
            .filter(|&g| sums[g].iter().sum::<u64>() > 0)
            .collect();
        let with = order.len();
        order.sort_by(|&a, &b| {
            sums[b]
                .iter()
                .sum::<u64>()
                .cmp(&sums[a].iter().sum::<u64>())
                .then(a.cmp(&b))
        });
        order.truncate(MAX_REGIONS);
        BrokerageRoles {
            rows: order
                .iter()
                .enumerate()
                .map(|(j, &g)| {
                    let l = &regions.labels[g];
                    (labels.text(l, &format!("region {}", j + 1)), sums[g])
                })
                .collect(),
            left_out: with - order.len(),
            skipped: structure.skipped,
        }
    }
}

impl Chart for BrokerageRoles {
    fn name(&self) -> &'static str {
        "brokerage_roles"
    }

    fn caption(&self) -> String {
        let mut s = "Brokerage between regions (Gould & Fernandez, undirected, unweighted \
             projection, groups = regions): for each region, the open pairs its organisations \
             broker, summed by role — coordinator (both partners in the broker's region), \
             itinerant (both partners in one other region), gatekeeper/representative (one partner \
             in the broker's region, one outside: the region's link to others), liaison (three \
             different regions). Counts per organisation are in tables/org_structure.csv."
            .to_string();
        if self.left_out > 0 {
            s.push_str(&format!(
                " Shown: the {} regions with most brokerage ({} more left out).",
                self.rows.len(),
                self.left_out
            ));
        }
        if self.skipped > 0 {
            s.push_str(&format!(
                " {} organisations over the cost budget are not counted (see the warnings).",
                self.skipped
            ));
        }
        s
    }

    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        st: &Style,
    ) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
        let total = |r: &[u64; 4]| r.iter().sum::<u64>() as f64;
        let max = self
            .rows
            .iter()
            .map(|r| total(&r.1))
            .fold(0.0, f64::max)
            .max(1.0)
            * 1.12;
        let labels: Vec<String> = self.rows.iter().map(|r| r.0.clone()).collect();
        let mut chart = bars::horizontal(
            root,
            st,
            "区域间中介角色 Brokerage roles by region",
            "open pairs brokered (Gould–Fernandez)",
            &labels,
            max,
            220,
        )?;
        let k = self.rows.len().max(1);
        let colors = [PALETTE[2], PALETTE[4], PALETTE[1], PALETTE[5]];
        for (part, &color) in colors.iter().enumerate() {
            chart
                .draw_series((0..self.rows.len()).map(|i| {
                    let r = &self.rows[k - 1 - i].1;
                    let from: f64 = r[..part].iter().sum::<u64>() as f64;
                    bars::bar(i, from, from + r[part] as f64, color, st)
                }))?
                .label(ROLES[part])
                .legend(move |(x, y)| {
                    Rectangle::new([(x, y - 8), (x + 16, y + 8)], color.filled())
                });
        }
        chart.draw_series((0..self.rows.len()).map(|i| {
            let t = total(&self.rows[k - 1 - i].1);
            Text::new(
                format!("{t}"),
                (t + max * 0.01, SegmentValue::CenterOf(i)),
                TextStyle::from((FONT, st.tick()).into_font())
                    .pos(Pos::new(HPos::Left, VPos::Center)),
            )
        }))?;
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::LowerRight)
            .background_style(WHITE.mix(0.9))
            .border_style(BLACK.mix(0.3))
            .label_font((FONT, st.tick()))
            .draw()?;
        Ok(())
    }
}
