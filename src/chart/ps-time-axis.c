/* ps-time-axis.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "ps-math.h"
#include "ps-time-axis.h"

#define MINUTE_MS  ((gint64) 60 * 1000)
#define HOUR_MS    (60 * MINUTE_MS)
#define DAY_MS     (24 * HOUR_MS)
#define MIN_SPAN   (10 * MINUTE_MS)
#define MAX_SPAN   (20 * 366 * DAY_MS)

struct _PsTimeAxis
{
  GObject  parent_instance;

  gint64   from_ms;         /* visible [from_ms, to_ms), UTC */
  gint64   to_ms;
  gint64   limit_from_ms;   /* meaningful when has_limits */
  gint64   limit_to_ms;
  guint    has_limits : 1;
  guint    utc : 1;

  /* The ticks last asked for, and what they were asked for: the panes of
   * a frame (drawn on several threads) ask for the same ones. */
  GMutex   ticks_lock;
  GArray  *ticks;
  gint64   ticks_from_ms, ticks_to_ms;
  double   ticks_width, ticks_spacing;
  gboolean ticks_utc;
};

G_DEFINE_FINAL_TYPE (PsTimeAxis, ps_time_axis, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FROM_MS,
  PROP_TO_MS,
  PROP_UTC,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The tick ladder. Steps under a day are wall-clock minutes; the others
 * follow the calendar, so their spacing varies: min_ms is the shortest
 * gap a step can make, which is what the spacing rule must hold for. */
typedef enum
{
  STEP_MINUTES,
  STEP_DAYS,         /* every n-th day of the month from the 1st */
  STEP_WEEKS,        /* the 1st, 8th, 15th and 22nd */
  STEP_HALF_MONTHS,  /* the 1st and the 16th: a rung for small charts */
  STEP_MONTHS,
  STEP_YEARS,
} StepUnit;

typedef struct
{
  StepUnit unit;
  int      count;
  gint64   min_ms;
} TickStep;

static const TickStep tick_ladder[] = {
  { STEP_MINUTES,     1,   MINUTE_MS },
  { STEP_MINUTES,     5,   5 * MINUTE_MS },
  { STEP_MINUTES,     15,  15 * MINUTE_MS },
  { STEP_MINUTES,     30,  30 * MINUTE_MS },
  { STEP_MINUTES,     60,  HOUR_MS },
  { STEP_MINUTES,     120, 2 * HOUR_MS },
  { STEP_MINUTES,     240, 4 * HOUR_MS },
  { STEP_MINUTES,     360, 6 * HOUR_MS },
  { STEP_MINUTES,     720, 12 * HOUR_MS },
  { STEP_DAYS,        1,   DAY_MS },
  { STEP_DAYS,        2,   2 * DAY_MS },
  { STEP_WEEKS,       1,   7 * DAY_MS },
  { STEP_HALF_MONTHS, 1,   13 * DAY_MS },
  { STEP_MONTHS,      1,   28 * DAY_MS },
  { STEP_MONTHS,      3,   89 * DAY_MS },
  { STEP_YEARS,       1,   365 * DAY_MS },
  { STEP_YEARS,       2,   730 * DAY_MS },
  { STEP_YEARS,       5,   1826 * DAY_MS },
  { STEP_YEARS,       10,  3652 * DAY_MS },
};

/* The view may show this fraction of itself past either limit: a little
 * room beside the first and last candle, not empty months. */
#define LIMIT_MARGIN 0.05

static void
ps_time_axis_constrain (PsTimeAxis *self,
                        gint64     *from_ms,
                        gint64     *to_ms)
{
  gint64 span = *to_ms - *from_ms;
  gint64 max_span = MAX_SPAN;

  g_assert (PS_IS_TIME_AXIS (self));

  /* The span is bounded by the limits too, or a zoom out keeps widening
   * the view around the data however the position is clamped: at most
   * the data plus a margin on each side. */
  if (self->has_limits)
    {
      gint64 len = self->limit_to_ms - self->limit_from_ms;

      max_span = CLAMP ((gint64) floor ((double) len / (1 - 2 * LIMIT_MARGIN)), MIN_SPAN, MAX_SPAN);
    }

  if (span < MIN_SPAN || span > max_span)
    {
      gint64 center = *from_ms + span / 2;

      span = CLAMP (span, MIN_SPAN, max_span);
      *from_ms = center - span / 2;
    }

  /* At most a margin of the view past either limit; when the data is
   * shorter than the shortest view, the view is centred on it. */
  if (self->has_limits)
    {
      gint64 margin = (gint64) floor ((double) span * LIMIT_MARGIN);
      gint64 lo = self->limit_from_ms - margin;
      gint64 hi = self->limit_to_ms + margin - span;

      if (hi < lo)
        *from_ms = self->limit_from_ms + (self->limit_to_ms - self->limit_from_ms) / 2 - span / 2;
      else
        *from_ms = CLAMP (*from_ms, lo, hi);
    }

  *to_ms = *from_ms + span;
}

static void
ps_time_axis_apply (PsTimeAxis *self,
                    gint64      from_ms,
                    gint64      to_ms)
{
  gboolean from_changed, to_changed;

  g_assert (PS_IS_TIME_AXIS (self));

  ps_time_axis_constrain (self, &from_ms, &to_ms);

  from_changed = from_ms != self->from_ms;
  to_changed = to_ms != self->to_ms;
  if (!from_changed && !to_changed)
    return;

  self->from_ms = from_ms;
  self->to_ms = to_ms;

  if (from_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FROM_MS]);
  if (to_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TO_MS]);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
ps_time_axis_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  PsTimeAxis *self = PS_TIME_AXIS (object);

  switch (prop_id)
    {
    case PROP_FROM_MS:
      g_value_set_int64 (value, self->from_ms);
      break;

    case PROP_TO_MS:
      g_value_set_int64 (value, self->to_ms);
      break;

    case PROP_UTC:
      g_value_set_boolean (value, self->utc);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ps_time_axis_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  PsTimeAxis *self = PS_TIME_AXIS (object);

  switch (prop_id)
    {
    case PROP_FROM_MS:
      ps_time_axis_set_range (self, g_value_get_int64 (value), self->to_ms);
      break;

    case PROP_TO_MS:
      ps_time_axis_set_range (self, self->from_ms, g_value_get_int64 (value));
      break;

    case PROP_UTC:
      ps_time_axis_set_utc (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ps_time_axis_finalize (GObject *object)
{
  PsTimeAxis *self = PS_TIME_AXIS (object);

  g_clear_pointer (&self->ticks, g_array_unref);
  g_mutex_clear (&self->ticks_lock);

  G_OBJECT_CLASS (ps_time_axis_parent_class)->finalize (object);
}

static void
ps_time_axis_class_init (PsTimeAxisClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ps_time_axis_finalize;
  object_class->get_property = ps_time_axis_get_property;
  object_class->set_property = ps_time_axis_set_property;

  properties[PROP_FROM_MS] =
    g_param_spec_int64 ("from-ms", NULL, NULL,
                        G_MININT64 / 4, G_MAXINT64 / 4, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));
  properties[PROP_TO_MS] =
    g_param_spec_int64 ("to-ms", NULL, NULL,
                        G_MININT64 / 4, G_MAXINT64 / 4, DAY_MS,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));
  properties[PROP_UTC] =
    g_param_spec_boolean ("utc", NULL, NULL, TRUE,
                          (G_PARAM_READWRITE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Once per change of range or zone, after the notifies: panes redraw here. */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
ps_time_axis_init (PsTimeAxis *self)
{
  self->from_ms = 0;
  self->to_ms = DAY_MS;
  self->utc = TRUE;
  g_mutex_init (&self->ticks_lock);
}

PsTimeAxis *
ps_time_axis_new (void)
{
  return g_object_new (PS_TYPE_TIME_AXIS, NULL);
}

void
ps_time_axis_set_range (PsTimeAxis *self,
                        gint64      from_ms,
                        gint64      to_ms)
{
  g_return_if_fail (PS_IS_TIME_AXIS (self));

  /* A reversed range from a two-step property change: keep from, widen. */
  if (to_ms <= from_ms)
    to_ms = from_ms + MIN_SPAN;

  ps_time_axis_apply (self, from_ms, to_ms);
}

gint64
ps_time_axis_get_from_ms (PsTimeAxis *self)
{
  g_return_val_if_fail (PS_IS_TIME_AXIS (self), 0);

  return self->from_ms;
}

gint64
ps_time_axis_get_to_ms (PsTimeAxis *self)
{
  g_return_val_if_fail (PS_IS_TIME_AXIS (self), 0);

  return self->to_ms;
}

void
ps_time_axis_set_limits (PsTimeAxis *self,
                         gint64      limit_from_ms,
                         gint64      limit_to_ms)
{
  g_return_if_fail (PS_IS_TIME_AXIS (self));
  g_return_if_fail (limit_from_ms < limit_to_ms);

  self->limit_from_ms = limit_from_ms;
  self->limit_to_ms = limit_to_ms;
  self->has_limits = TRUE;

  /* The current view may now be out of bounds. */
  ps_time_axis_apply (self, self->from_ms, self->to_ms);
}

gboolean
ps_time_axis_get_limits (PsTimeAxis *self,
                         gint64     *limit_from_ms,
                         gint64     *limit_to_ms)
{
  g_return_val_if_fail (PS_IS_TIME_AXIS (self), FALSE);

  if (limit_from_ms != NULL)
    *limit_from_ms = self->has_limits ? self->limit_from_ms : self->from_ms;
  if (limit_to_ms != NULL)
    *limit_to_ms = self->has_limits ? self->limit_to_ms : self->to_ms;
  return self->has_limits;
}

void
ps_time_axis_fit (PsTimeAxis *self)
{
  g_return_if_fail (PS_IS_TIME_AXIS (self));

  if (self->has_limits)
    ps_time_axis_apply (self, self->limit_from_ms, self->limit_to_ms);
}

void
ps_time_axis_pan (PsTimeAxis *self,
                  gint64      delta_ms)
{
  g_return_if_fail (PS_IS_TIME_AXIS (self));

  ps_time_axis_apply (self, self->from_ms + delta_ms, self->to_ms + delta_ms);
}

void
ps_time_axis_zoom (PsTimeAxis *self,
                   gint64      center_ms,
                   double      factor)
{
  gint64 span, new_span, from_ms;
  double frac;

  g_return_if_fail (PS_IS_TIME_AXIS (self));
  g_return_if_fail (isfinite (factor) && factor > 0);

  span = self->to_ms - self->from_ms;
  new_span = CLAMP ((gint64) llround ((double) span * factor), MIN_SPAN, MAX_SPAN);

  /* center_ms keeps its place on screen, wherever it is in the view. */
  frac = (double) (center_ms - self->from_ms) / (double) span;
  from_ms = center_ms - (gint64) llround (frac * (double) new_span);

  ps_time_axis_apply (self, from_ms, from_ms + new_span);
}

void
ps_time_axis_set_utc (PsTimeAxis *self,
                      gboolean    utc)
{
  g_return_if_fail (PS_IS_TIME_AXIS (self));

  utc = !!utc;
  if (self->utc == utc)
    return;

  self->utc = utc;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UTC]);
  g_signal_emit (self, signals[CHANGED], 0);
}

gboolean
ps_time_axis_get_utc (PsTimeAxis *self)
{
  g_return_val_if_fail (PS_IS_TIME_AXIS (self), TRUE);

  return self->utc;
}

double
ps_time_axis_to_x (PsTimeAxis *self,
                   gint64      t_ms,
                   double      width)
{
  g_return_val_if_fail (PS_IS_TIME_AXIS (self), 0.);

  return (double) (t_ms - self->from_ms) * width / (double) (self->to_ms - self->from_ms);
}

gint64
ps_time_axis_from_x (PsTimeAxis *self,
                     double      x,
                     double      width)
{
  double span;

  g_return_val_if_fail (PS_IS_TIME_AXIS (self), 0);

  if (width <= 0)
    return self->from_ms;

  span = (double) (self->to_ms - self->from_ms);
  return self->from_ms + (gint64) ps_round (x * span / width);
}

/* Ticks ---------------------------------------------------------------- */

static void
ps_time_tick_clear (gpointer data)
{
  PsTimeTick *tick = data;

  g_clear_pointer (&tick->label, g_free);
}

static gint64
ps_time_axis_date_to_ms (GTimeZone *tz,
                         GDate     *date,
                         int        minute_of_day)
{
  g_autoptr(GDateTime) dt = NULL;

  dt = g_date_time_new (tz,
                        g_date_get_year (date),
                        g_date_get_month (date),
                        g_date_get_day (date),
                        minute_of_day / 60, minute_of_day % 60, 0);
  if (dt == NULL)
    return G_MAXINT64;
  return g_date_time_to_unix (dt) * 1000;
}

/* The tick's label and rank: a tick on a boundary of a larger unit than
 * the step is major, named after that unit ("Nov 3", "Dec", "2026"). */
static void
ps_time_axis_label_tick (const TickStep *step,
                         const GDate    *date,
                         int             minute_of_day,
                         PsTimeTick     *tick)
{
  GDateDay day = g_date_get_day (date);
  GDateMonth month = g_date_get_month (date);
  GDateYear year = g_date_get_year (date);
  char buf[64];

  if (step->unit == STEP_MINUTES && minute_of_day != 0)
    {
      tick->major = FALSE;
      tick->label = g_strdup_printf ("%02d:%02d", minute_of_day / 60, minute_of_day % 60);
      return;
    }

  if (day == 1 && month == G_DATE_JANUARY)
    {
      tick->major = TRUE;
      tick->label = g_strdup_printf ("%u", (guint) year);
      return;
    }

  if (step->unit == STEP_MONTHS || step->unit == STEP_YEARS)
    {
      /* Months on a month-or-longer step; only January is a boundary. */
      tick->major = FALSE;
      g_date_strftime (buf, sizeof buf, "%b", date);
      tick->label = g_strdup (buf);
      return;
    }

  if (step->unit != STEP_MINUTES && day == 1)
    {
      tick->major = TRUE;
      g_date_strftime (buf, sizeof buf, "%b", date);
      tick->label = g_strdup (buf);
      return;
    }

  tick->major = step->unit == STEP_MINUTES;
  /* Translators: a month and day, as in "No data before May 25" or under
   * the chart; strftime () notation: "%-d. %b" reads "25. Mai". */
  g_date_strftime (buf, sizeof buf, _("%b %-d"), date);
  tick->label = g_strdup (buf);
}

static gboolean
ps_time_axis_is_on_step (const TickStep *step,
                         const GDate    *date)
{
  GDateDay day = g_date_get_day (date);
  GDateMonth month = g_date_get_month (date);

  switch (step->unit)
    {
    case STEP_MINUTES:
      return TRUE;
    case STEP_DAYS:
      return (day - 1) % step->count == 0;
    case STEP_WEEKS:
      return day == 1 || day == 8 || day == 15 || day == 22;
    case STEP_HALF_MONTHS:
      return day == 1 || day == 16;
    case STEP_MONTHS:
      return day == 1 && (month - 1) % step->count == 0;
    case STEP_YEARS:
      return day == 1 && month == 1 && g_date_get_year (date) % step->count == 0;
    default:
      g_assert_not_reached ();
    }
}

/* Moves to the next candidate date: the next day, month or year. */
static void
ps_time_axis_next_date (const TickStep *step,
                        GDate          *date)
{
  switch (step->unit)
    {
    case STEP_MINUTES:
    case STEP_DAYS:
    case STEP_WEEKS:
    case STEP_HALF_MONTHS:
      g_date_add_days (date, 1);
      break;
    case STEP_MONTHS:
      g_date_set_day (date, 1);
      g_date_add_months (date, 1);
      break;
    case STEP_YEARS:
      g_date_set_day (date, 1);
      g_date_set_month (date, G_DATE_JANUARY);
      g_date_add_years (date, 1);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* Keeps ticks min_spacing apart, a major winning over the minor before it. */
static void
ps_time_axis_push_tick (GArray     *ticks,
                        PsTimeTick *tick,
                        double      x,
                        double     *last_x,
                        double      min_spacing)
{
  if (ticks->len > 0 && x - *last_x < min_spacing)
    {
      PsTimeTick *last = &g_array_index (ticks, PsTimeTick, ticks->len - 1);

      if (!tick->major || last->major)
        {
          ps_time_tick_clear (tick);
          return;
        }
      g_array_set_size (ticks, ticks->len - 1);
    }

  g_array_append_val (ticks, *tick);
  *last_x = x;
}

static GArray *
ps_time_axis_compute_ticks (PsTimeAxis *self,
                            double      width,
                            double      min_spacing)
{
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GDateTime) start = NULL;
  const TickStep *step = NULL;
  GArray *ticks;
  GDate date;
  double ms_per_px, last_x = 0;
  int minute = 0;

  ticks = g_array_new (FALSE, TRUE, sizeof (PsTimeTick));
  g_array_set_clear_func (ticks, ps_time_tick_clear);

  if (!(width > 0))
    return ticks;

  min_spacing = MAX (min_spacing, 1.);
  ms_per_px = (double) (self->to_ms - self->from_ms) / width;
  for (guint i = 0; i < G_N_ELEMENTS (tick_ladder); i++)
    {
      step = &tick_ladder[i];
      if ((double) step->min_ms / ms_per_px >= min_spacing)
        break;
    }

  tz = self->utc ? g_time_zone_new_utc () : g_time_zone_new_local ();
  start = g_date_time_new_from_unix_utc (self->from_ms / 1000 - (self->from_ms % 1000 < 0));
  if (start == NULL)
    return ticks;
  {
    g_autoptr(GDateTime) local = g_date_time_to_timezone (start, tz);
    int y, m, d;

    g_date_time_get_ymd (local, &y, &m, &d);
    g_date_clear (&date, 1);
    g_date_set_dmy (&date, d, m, y);
    if (step->unit == STEP_MINUTES)
      minute = (g_date_time_get_hour (local) * 60 + g_date_time_get_minute (local))
               / step->count * step->count;
  }

  /* Walks the calendar: a cost per candidate tick, of which the step
   * chosen leaves about width / min_spacing. */
  for (;;)
    {
      PsTimeTick tick = { 0 };
      gint64 t_ms;

      if (step->unit != STEP_MINUTES && !ps_time_axis_is_on_step (step, &date))
        {
          ps_time_axis_next_date (step, &date);
          if (!g_date_valid (&date))
            break;
          continue;
        }

      t_ms = ps_time_axis_date_to_ms (tz, &date, minute);
      if (t_ms >= self->to_ms)
        break;

      /* A wall-clock time skipped by a DST change lands on the next one. */
      if (t_ms >= self->from_ms &&
          (ticks->len == 0 ||
           t_ms > g_array_index (ticks, PsTimeTick, ticks->len - 1).t_ms))
        {
          tick.t_ms = t_ms;
          ps_time_axis_label_tick (step, &date, minute, &tick);
          ps_time_axis_push_tick (ticks, &tick,
                                  ps_time_axis_to_x (self, t_ms, width),
                                  &last_x, min_spacing);
        }

      if (step->unit == STEP_MINUTES)
        {
          minute += step->count;
          if (minute < 24 * 60)
            continue;
          minute = 0;
        }
      ps_time_axis_next_date (step, &date);
      if (!g_date_valid (&date))
        break;
    }

  return ticks;
}

GArray *
ps_time_axis_get_ticks (PsTimeAxis *self,
                        double      width,
                        double      min_spacing)
{
  GArray *ticks = NULL;

  g_return_val_if_fail (PS_IS_TIME_AXIS (self), NULL);

  g_mutex_lock (&self->ticks_lock);
  if (self->ticks != NULL && self->ticks_from_ms == self->from_ms &&
      self->ticks_to_ms == self->to_ms && self->ticks_width == width &&
      self->ticks_spacing == min_spacing && self->ticks_utc == self->utc)
    ticks = g_array_ref (self->ticks);
  g_mutex_unlock (&self->ticks_lock);
  if (ticks != NULL)
    return ticks;

  /* Computed outside the lock: two panes at once may both compute them. */
  ticks = ps_time_axis_compute_ticks (self, width, min_spacing);
  g_mutex_lock (&self->ticks_lock);
  g_clear_pointer (&self->ticks, g_array_unref);
  self->ticks = g_array_ref (ticks);
  self->ticks_from_ms = self->from_ms;
  self->ticks_to_ms = self->to_ms;
  self->ticks_width = width;
  self->ticks_spacing = min_spacing;
  self->ticks_utc = self->utc;
  g_mutex_unlock (&self->ticks_lock);
  return ticks;
}
