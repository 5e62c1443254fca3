package io.ultrafleet.twin.output;

import static io.ultrafleet.twin.output.SummaryJson.decimal;
import static io.ultrafleet.twin.output.SummaryJson.decimalOrNull;

import com.fasterxml.jackson.core.JsonGenerator;
import io.ultrafleet.twin.energy.EnergyLedger;
import io.ultrafleet.twin.run.RunResult;
import java.io.IOException;

/** The {@code energy} section of the summary (documented in {@code docs/summary.md}). */
final class EnergyJson {
    private EnergyJson() {}

    static void write(JsonGenerator g, RunResult r) throws IOException {
        EnergyLedger e = r.accounts().energy();
        double mwh = 0;
        double it = 0;
        double co2 = Double.NaN;
        double market = Double.NaN;
        double usd = Double.NaN;
        for (int s = 0; s < e.sites(); s++) {
            mwh += e.siteMwh(s);
            it += e.siteItMwh(s);
            co2 = sumKnown(co2, e.siteCo2T(s));
            market = sumKnown(market, e.siteMarketCo2T(s));
            usd = sumKnown(usd, e.siteElectricityUsd(s));
        }
        double hours = (r.endMs() - r.startMs()) / 3_600_000.0;
        g.writeObjectFieldStart("energy");
        decimal(g, "mwh", mwh, 3);
        decimal(g, "it_mwh", it, 3);
        decimal(g, "gpu_mwh", e.gpuMwh(), 3);
        decimal(g, "peak_mw", e.peakMw(), 3);
        decimal(g, "mean_mw", hours > 0 ? mwh / hours : 0, 3);
        decimalOrNull(g, "tco2", co2, 3);
        decimalOrNull(g, "tco2_market", market, 3);
        decimalOrNull(g, "electricity_usd", usd, 2);
        g.writeArrayFieldStart("sites");
        for (int s = 0; s < e.sites(); s++) {
            g.writeStartObject();
            g.writeStringField("site", e.siteName(s));
            g.writeStringField("provider", e.siteProvider(s));
            decimal(g, "pue", e.pue(s), 4);
            decimalOrNull(g, "grid_gco2_per_kwh", e.gridGco2PerKwh(s), 3);
            decimal(g, "mwh", e.siteMwh(s), 3);
            decimal(g, "it_mwh", e.siteItMwh(s), 3);
            decimal(g, "peak_mw", e.sitePeakMw(s), 3);
            decimalOrNull(g, "tco2", e.siteCo2T(s), 3);
            decimalOrNull(g, "tco2_market", e.siteMarketCo2T(s), 3);
            decimalOrNull(g, "electricity_usd", e.siteElectricityUsd(s), 2);
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** {@code sum + v}, where NaN means unknown: unknown only while every term is. */
    private static double sumKnown(double sum, double v) {
        if (Double.isNaN(v)) {
            return sum;
        }
        return Double.isNaN(sum) ? v : sum + v;
    }
}
