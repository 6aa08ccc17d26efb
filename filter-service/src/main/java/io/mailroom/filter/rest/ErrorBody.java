package io.mailroom.filter.rest;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The JSON body of every error answer; line and column only for a script that does not compile. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorBody(String error, Integer line, Integer column) {
  public ErrorBody(String error) {
    this(error, null, null);
  }
}
