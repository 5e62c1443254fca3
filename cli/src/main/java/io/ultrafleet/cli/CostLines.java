package io.ultrafleet.cli;

import io.ultrafleet.twin.cost.CostLedger;
import io.ultrafleet.twin.energy.EnergyLedger;
import io.ultrafleet.twin.run.RunResult;
import java.io.PrintWriter;

/** The cost and energy rows of the readable end-of-run summary. */
final class CostLines {
    private static final double MS_PER_HOUR = 3_600_000.0;

    private CostLines() {}

    static void print(RunResult r, PrintWriter out) {
        CostLedger c = r.accounts().cost();
        if (c != null) {
            double idle = 0;
            double cpu = 0;
            for (int i = 0; i < c.payers().size(); i++) {
                cpu += c.cpu(i);
                if (c.payers().get(i).contract() != null) {
                    idle += c.idle(i);
                }
            }
            double useful = r.reliability().goodputGpuMs() / MS_PER_HOUR;
            String perUseful =
                    useful > 0 ? String.format(", $%.2f per useful GPU-hour", (c.total() - cpu) / useful) : "";
            double implied = r.accounts().impliedUsdPerGpuHour();
            String rate = Double.isNaN(implied) ? "" : String.format("; commitments imply $%.2f per GPU-hour", implied);
            SummaryTable.row(
                    out,
                    "Cost",
                    String.format(
                            "$%s total, $%s of it committed but idle%s%s",
                            SummaryTable.big(c.total()), SummaryTable.big(idle), perUseful, rate));
        }
        EnergyLedger e = r.accounts().energy();
        double mwh = 0;
        double co2 = 0;
        boolean carbon = false;
        for (int s = 0; s < e.sites(); s++) {
            mwh += e.siteMwh(s);
            if (!Double.isNaN(e.siteCo2T(s))) {
                co2 += e.siteCo2T(s);
                carbon = true;
            }
        }
        SummaryTable.row(
                out,
                "Energy",
                String.format(
                        "%s MWh, peak %.1f MW%s",
                        SummaryTable.big(mwh),
                        e.peakMw(),
                        carbon ? ", " + SummaryTable.big(co2) + " t CO2 (location-based)" : ""));
    }
}
