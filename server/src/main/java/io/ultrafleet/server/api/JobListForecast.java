package io.ultrafleet.server.api;

import io.ultrafleet.forecast.Forecast;
import io.ultrafleet.server.forecast.ForecastService;
import io.ultrafleet.server.store.JobRow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A page of jobs with each one's forecast ({@code GET /v1/jobs?forecast=true}, as {@code squeue --start} lists Slurm's
 * estimates): a queued job's start, a running job's end, from the server's current forecast, or from one made now when
 * a job of the page came or started after its snapshot.
 */
final class JobListForecast {
    private JobListForecast() {}

    /**
     * Adds {@code forecast} to each of {@code items} (the JSON of {@code rows}, in order): the job's start or end, or
     * null for a job that has ended. Returns what the forecast was made from, for the page.
     */
    static Map<String, Object> add(ServerContext c, List<JobRow> rows, List<Map<String, Object>> items) {
        boolean any = rows.stream().anyMatch(r -> !r.ended());
        if (!any) {
            return null;
        }
        ForecastService.Answer a = ForecastRoutes.answer(c, false);
        if (!coversAll(a.forecast(), rows)) {
            a = ForecastRoutes.answer(c, true);
        }
        Forecast f = a.forecast();
        for (int i = 0; i < rows.size(); i++) {
            JobRow r = rows.get(i);
            Map<String, Object> o = null;
            if (r.state().equals(JobRow.QUEUED)) {
                o = new LinkedHashMap<>();
                o.put("start", ForecastRoutes.startJson(f.starts().get(r.id())));
            } else if (r.state().equals(JobRow.RUNNING)) {
                o = new LinkedHashMap<>();
                o.put("end", ForecastRoutes.endJson(f.ends().get(r.id())));
            }
            items.get(i).put("forecast", o);
        }
        Map<String, Object> made = new LinkedHashMap<>();
        ForecastRoutes.describe(made, a);
        return made;
    }

    private static boolean coversAll(Forecast f, List<JobRow> rows) {
        for (JobRow r : rows) {
            if (!r.ended() && !ForecastRoutes.covers(f, r.id(), r.state().equals(JobRow.QUEUED))) {
                return false;
            }
        }
        return true;
    }
}
