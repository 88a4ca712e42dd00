//! The yearly panel's tabular side on polars data frames (the `parquet` feature): the
//! same [`Panel`] as [`Panel::build`], which stays as the build without polars and as the
//! oracle this one is tested against.
//!
//! The dataset becomes four frames — consortia (group, founded), memberships (joined,
//! left), projects (group, start, end) and participations — and two joins attach each
//! membership to its consortium (its group, and `founded` where `joined` is absent) and
//! each participation to its project. Then, year by year: the active sets are boolean
//! columns (a membership counts when joined ≤ Y and not left ≤ Y; a project when start ≤ Y
//! and not end < Y — [`crate::dataset::as_of`]'s rules), entries and exits compare them
//! with Y − 1, and group-bys sum them by programme (and by consortium, for its members and
//! whether it is active). All sums are of integers, so the panel does not depend on the
//! order polars returns groups in or on its thread count.
//!
//! Uses polars' eager API only: its eager group-by aggregations are marked deprecated in
//! favour of the lazy engine, which would add polars-lazy, -plan, -expr and -stream to
//! the build; they are still supported, so they are allowed here.
#![allow(deprecated)]

use polars::prelude::*;

use super::panel::{Counts, Panel};
use crate::dataset::Dataset;

/// The panel of `ds` for every year of its dates, through `through` when given — on data
/// frames. Equal to [`Panel::build`] (tested on generated datasets and the evolution
/// fixture).
pub fn panel(ds: &Dataset, through: Option<i32>) -> PolarsResult<Panel> {
    let programs = Panel::programs(ds);
    let years = Panel::years(ds, through);
    let group_of = |program: &str| 1 + programs.binary_search(&program).expect("listed") as u32;
    let nc = ds.consortia.len();
    let year = |d: Option<crate::dataset::PartialDate>| d.map(|d| d.year);

    // The dataset as frames (indices for ids: the model's lists are the keys).
    let consortia = DataFrame::new(
        nc,
        vec![
            column("consortium", (0..nc as u32).collect::<Vec<_>>()),
            column(
                "group",
                ds.consortia
                    .iter()
                    .map(|c| group_of(&c.program))
                    .collect::<Vec<_>>(),
            ),
            column(
                "founded",
                ds.consortia
                    .iter()
                    .map(|c| year(c.founded))
                    .collect::<Vec<_>>(),
            ),
        ],
    )?;
    let memberships = DataFrame::new(
        ds.memberships.len(),
        vec![
            column(
                "consortium",
                ds.memberships
                    .iter()
                    .map(|m| m.consortium)
                    .collect::<Vec<_>>(),
            ),
            column(
                "joined",
                ds.memberships
                    .iter()
                    .map(|m| year(m.joined))
                    .collect::<Vec<_>>(),
            ),
            column(
                "left",
                ds.memberships
                    .iter()
                    .map(|m| year(m.left))
                    .collect::<Vec<_>>(),
            ),
        ],
    )?;
    let np = ds.projects.len();
    let projects = DataFrame::new(
        np,
        vec![
            column("project", (0..np as u32).collect::<Vec<_>>()),
            column(
                "group",
                ds.projects
                    .iter()
                    .map(|p| p.effective_program(&ds.consortia).map(group_of))
                    .collect::<Vec<_>>(),
            ),
            column(
                "start",
                ds.projects
                    .iter()
                    .map(|p| year(p.start))
                    .collect::<Vec<_>>(),
            ),
            // A project counts in the year it ends: it stops the year after.
            column(
                "until",
                ds.projects
                    .iter()
                    .map(|p| year(p.end).map(|y| y + 1))
                    .collect::<Vec<_>>(),
            ),
        ],
    )?;
    let participations = DataFrame::new(
        ds.project_members.len(),
        vec![column(
            "project",
            ds.project_members
                .iter()
                .map(|pm| pm.project)
                .collect::<Vec<_>>(),
        )],
    )?;

    // The joins: each membership with its consortium's group and founding year (its start
    // when `joined` is absent), each participation with its project's group and years.
    let memberships = memberships.left_join(&consortia, ["consortium"], ["consortium"])?;
    let from: Int32Chunked = memberships
        .column("joined")?
        .i32()?
        .iter()
        .zip(memberships.column("founded")?.i32()?.iter())
        .map(|(joined, founded)| joined.or(founded))
        .collect();
    let memberships = memberships
        .select(["consortium", "group", "left"])?
        .hstack(&[from.with_name("from".into()).into_column()])?;
    let participations = participations.left_join(&projects, ["project"], ["project"])?;

    let mut counts = vec![vec![Counts::default(); years.len()]; programs.len() + 1];
    let mut active = vec![vec![false; nc]; years.len()];
    let mut members = vec![vec![0u32; years.len()]; nc];
    for (yi, &y) in years.iter().enumerate() {
        // Memberships: counting now, entering, leaving; by group and by consortium.
        let (now, new, ended) = changes(&memberships, "from", "left", y)?;
        let m = frame(&memberships, ["consortium", "group"], &now, &new, &ended)?;
        add(
            &mut counts,
            yi,
            &m,
            |c| &mut c.memberships,
            |c| &mut c.new_memberships,
            |c| &mut c.ended_memberships,
        )?;
        let per_consortium = m.group_by(["consortium"])?.select(["now"]).sum()?;
        for (ci, n) in pairs(&per_consortium)? {
            members[ci][yi] = n as u32;
        }
        // Consortia: founded by now, or undated with a member counting now.
        let with_members = consortia.left_join(&per_consortium, ["consortium"], ["consortium"])?;
        let founded = with_members.column("founded")?.i32()?;
        let has_member = with_members
            .column(per_consortium.columns()[1].name().as_str())?
            .cast(&DataType::UInt64)?
            .u64()?
            .gt(0);
        let on = founded.lt_eq(y).fill_null_with_values(false)?
            | (founded.is_null() & has_member.fill_null_with_values(false)?);
        counts[0][yi].consortia = on.sum().unwrap_or(0) as u64;
        let c = DataFrame::new(
            with_members.height(),
            vec![
                with_members.column("consortium")?.clone(),
                with_members.column("group")?.clone(),
                on.with_name("active".into()).into_column(),
            ],
        )?;
        for (ci, a) in with_members
            .column("consortium")?
            .u32()?
            .iter()
            .zip(c.column("active")?.bool()?.iter())
        {
            if let (Some(ci), Some(true)) = (ci, a) {
                active[yi][ci as usize] = true;
            }
        }
        let by_group = c.group_by(["group"])?.select(["active"]).sum()?;
        for (g, n) in pairs(&by_group)? {
            counts[g][yi].consortia = n;
        }
        // Projects active now, and participations counting, entering, leaving.
        let (project_now, _, _) = changes(&projects, "start", "until", y)?;
        counts[0][yi].projects = project_now.sum().unwrap_or(0) as u64;
        let p = DataFrame::new(
            projects.height(),
            vec![
                projects.column("group")?.clone(),
                project_now.with_name("now".into()).into_column(),
            ],
        )?;
        for (g, n) in pairs(&p.group_by(["group"])?.select(["now"]).sum()?)? {
            if g > 0 {
                counts[g][yi].projects = n;
            }
        }
        let (now, new, ended) = changes(&participations, "start", "until", y)?;
        let pm = frame(&participations, ["project", "group"], &now, &new, &ended)?;
        add(
            &mut counts,
            yi,
            &pm,
            |c| &mut c.participations,
            |c| &mut c.new_participations,
            |c| &mut c.ended_participations,
        )?;
    }
    Ok(Panel {
        years,
        programs: programs.into_iter().map(str::to_string).collect(),
        counts,
        active,
        members,
    })
}

/// A named column from values (`None` = null).
fn column<T>(name: &str, values: Vec<T>) -> Column
where
    Series: NamedFrom<Vec<T>, [T]>,
{
    Series::new(name.into(), values).into_column()
}

/// Rows of `df` that count in year `y` (`from` ≤ y, or null; `until` > y, or null), and
/// of those the ones that enter (not counting in y − 1) and those that leave (counting in
/// y − 1 but not in y).
fn changes(
    df: &DataFrame,
    from: &str,
    until: &str,
    y: i32,
) -> PolarsResult<(BooleanChunked, BooleanChunked, BooleanChunked)> {
    let from = df.column(from)?.i32()?.fill_null_with_values(i32::MIN)?;
    let until = df.column(until)?.i32()?.fill_null_with_values(i32::MAX)?;
    let counts = |y: i32| from.lt_eq(y) & until.gt(y);
    let (now, before) = (counts(y), counts(y - 1));
    let new = &now & &!&before;
    let ended = &before & &!&now;
    Ok((now, new, ended))
}

/// `keys` of `df` with the year's flags as 0/1 columns `now`, `new`, `ended`.
fn frame(
    df: &DataFrame,
    keys: [&str; 2],
    now: &BooleanChunked,
    new: &BooleanChunked,
    ended: &BooleanChunked,
) -> PolarsResult<DataFrame> {
    let flag = |b: &BooleanChunked, name: &str| -> PolarsResult<Column> {
        Ok(b.clone()
            .with_name(name.into())
            .into_series()
            .cast(&DataType::UInt32)?
            .into_column())
    };
    DataFrame::new(
        df.height(),
        vec![
            df.column(keys[0])?.clone(),
            df.column(keys[1])?.clone(),
            flag(now, "now")?,
            flag(new, "new")?,
            flag(ended, "ended")?,
        ],
    )
}

/// Add the year's `now`/`new`/`ended` sums of `df` to the whole dataset (group 0) and to
/// each programme (a null group — a project without programme — counts in the whole
/// only), into the three fields `now`, `new` and `ended` pick.
fn add(
    counts: &mut [Vec<Counts>],
    yi: usize,
    df: &DataFrame,
    now: fn(&mut Counts) -> &mut u64,
    new: fn(&mut Counts) -> &mut u64,
    ended: fn(&mut Counts) -> &mut u64,
) -> PolarsResult<()> {
    let fields = [now, new, ended];
    for (name, field) in ["now", "new", "ended"].into_iter().zip(fields) {
        *field(&mut counts[0][yi]) = df.column(name)?.as_materialized_series().sum::<u64>()?;
    }
    let by_group = df
        .group_by(["group"])?
        .select(["now", "new", "ended"])
        .sum()?;
    let groups = by_group.columns()[0].u32()?;
    for (k, field) in fields.into_iter().enumerate() {
        let sums = by_group.columns()[k + 1].cast(&DataType::UInt64)?;
        for (g, n) in groups.iter().zip(sums.u64()?.iter()) {
            if let (Some(g), Some(n)) = (g, n) {
                *field(&mut counts[g as usize][yi]) = n;
            }
        }
    }
    Ok(())
}

/// The (key, sum) rows of a one-key, one-sum group-by, null keys left out.
fn pairs(df: &DataFrame) -> PolarsResult<Vec<(usize, u64)>> {
    let keys = df.columns()[0].u32()?;
    let sums = df.columns()[1].cast(&DataType::UInt64)?;
    Ok(keys
        .iter()
        .zip(sums.u64()?.iter())
        .filter_map(|(k, n)| Some((k? as usize, n.unwrap_or(0))))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::test_dataset;

    /// The frames' panel equals the plain one, through every cut-off.
    fn same(ds: &Dataset, what: &str) {
        let plain = Panel::build(ds, None);
        assert!(!plain.years.is_empty(), "{what}: no dates");
        assert_eq!(panel(ds, None).unwrap(), plain, "{what}");
        let (first, last) = ds.years().unwrap();
        for t in [first - 1, first, (first + last) / 2, last] {
            assert_eq!(
                panel(ds, Some(t)).unwrap(),
                Panel::build(ds, Some(t)),
                "{what} through {t}"
            );
        }
    }

    #[test]
    fn frames_give_the_plain_panel_on_the_evolution_fixture() {
        let ds = crate::ingest::load(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/evolution"),
        )
        .unwrap();
        same(&ds, "evolution fixture");
        // Real values, so the comparison is not of two empty panels: `*` in 2022.
        let p = panel(&ds, None).unwrap();
        let y = p.years.iter().position(|&y| y == 2022).unwrap();
        let all = p.counts[0][y];
        assert!(all.memberships > 0 && all.consortia > 0, "{all:?}");
    }

    #[test]
    fn frames_give_the_plain_panel_on_generated_datasets() {
        for seed in [1, 2, 3] {
            let ds = test_dataset(300, 40, 30, seed);
            same(&ds, &format!("generated, seed {seed}"));
        }
    }
}
