package io.ultrafleet.twin.inference;

import java.util.Arrays;

/**
 * The sequences decoding on one replica, as a min-heap on the replica's decode counter value at which each finishes.
 * Every sequence of a batch gains one token per step, so one counter per replica (tokens per sequence since the
 * replica started) orders all finishes; a sequence joining at counter {@code v} with {@code n} tokens to go finishes
 * at {@code v + n}.
 */
final class DecodeBatch {
    private double[] finish = new double[16];
    private int[] request = new int[16];
    private int size;

    int size() {
        return size;
    }

    double firstFinish() {
        return finish[0];
    }

    void add(double at, int id) {
        if (size == finish.length) {
            finish = Arrays.copyOf(finish, size * 2);
            request = Arrays.copyOf(request, size * 2);
        }
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (lessThan(finish[parent], request[parent], at, id)) {
                break;
            }
            finish[i] = finish[parent];
            request[i] = request[parent];
            i = parent;
        }
        finish[i] = at;
        request[i] = id;
    }

    /** Removes the first to finish and returns its request id. */
    int poll() {
        int top = request[0];
        size--;
        if (size > 0) {
            double at = finish[size];
            int id = request[size];
            int i = 0;
            while (true) {
                int c = 2 * i + 1;
                if (c >= size) {
                    break;
                }
                if (c + 1 < size && lessThan(finish[c + 1], request[c + 1], finish[c], request[c])) {
                    c++;
                }
                if (!lessThan(finish[c], request[c], at, id)) {
                    break;
                }
                finish[i] = finish[c];
                request[i] = request[c];
                i = c;
            }
            finish[i] = at;
            request[i] = id;
        }
        return top;
    }

    private static boolean lessThan(double a, int ida, double b, int idb) {
        return a < b || (a == b && ida < idb);
    }
}
