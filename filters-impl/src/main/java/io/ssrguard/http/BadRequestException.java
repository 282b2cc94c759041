package io.ssrguard.http;

/**
 * Client input the pack refuses, with the 4xx status to answer and a short
 * error code for the body; the message is for the log.
 */
public class BadRequestException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    public BadRequestException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
