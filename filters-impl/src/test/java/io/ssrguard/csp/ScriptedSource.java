package io.ssrguard.csp;

import java.util.ArrayList;
import java.util.List;

/** A policy source whose next answer the test sets; remembers what it was asked. */
final class ScriptedSource implements PolicySource {

    interface Answer {
        PolicyFetch get() throws PolicySourceException;
    }

    private volatile Answer answer;
    final List<String> askedVersions = new ArrayList<>();

    ScriptedSource answering(Answer next) {
        this.answer = next;
        return this;
    }

    ScriptedSource serving(String policy, String version) {
        return answering(() -> PolicyFetch.loaded(policy, version));
    }

    ScriptedSource failing(String why) {
        return answering(() -> {
            throw new PolicySourceException(why);
        });
    }

    int calls() {
        synchronized (askedVersions) {
            return askedVersions.size();
        }
    }

    @Override
    public PolicyFetch fetch(String knownVersion) throws PolicySourceException {
        synchronized (askedVersions) {
            askedVersions.add(knownVersion);
        }
        return answer.get();
    }

    @Override
    public String description() {
        return "scripted";
    }
}
