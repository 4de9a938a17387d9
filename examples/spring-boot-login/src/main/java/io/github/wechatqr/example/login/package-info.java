/** An example host application on Spring Boot 4: a web login by scanning a WeChat QR code. */
package io.github.wechatqr.example.login;
